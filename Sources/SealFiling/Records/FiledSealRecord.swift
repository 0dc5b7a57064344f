public import Foundation
public import SealBundle
import SealCrypto
public import SealSES

/// A seal as filed with the online side (table `filed_seal`), in the state of the newest bundle that carried it: the
/// filing's ``SealDescription`` (one column per field) and the seal's files. Its PNG is kept once, as the SES_Seal's
/// picture (``picture()``).
@dynamicMemberLookup
public struct FiledSealRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filed_seal"

    /// What the station filed about the seal.
    public var seal: SealDescription
    public var stationID: String
    public var bundleSequence: Int64
    public var sealSM3: String
    public var sealDER: Data
    public var imageSVG: Data
    public var holderCertificate: Data

    public init(seal: SealDescription, stationID: String, bundleSequence: Int64, sealSM3: String, sealDER: Data, imageSVG: Data, holderCertificate: Data) {
        self.seal = seal
        self.stationID = stationID
        self.bundleSequence = bundleSequence
        self.sealSM3 = sealSM3
        self.sealDER = sealDER
        self.imageSVG = imageSVG
        self.holderCertificate = holderCertificate
    }

    /// The record of `entry`, filed by `stationID` in bundle `bundleSequence`.
    /// - Throws: `BundleArchiveError` when the entry's files, left in the bundle file, cannot be read again.
    public init(_ entry: FilingBundle.SealEntry, stationID: String, bundleSequence: Int64) throws {
        self.init(seal: entry.filing.seal, stationID: stationID, bundleSequence: bundleSequence, sealSM3: entry.filing.sealSM3,
                  sealDER: Data(try entry.sealDER.read()), imageSVG: Data(try entry.svg.read()), holderCertificate: Data(entry.holderCertificate))
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<SealDescription, Value>) -> Value { seal[keyPath: keyPath] }

    /// The row without its files.
    public var listing: FiledSealListing {
        FiledSealListing(seal: seal, stationID: stationID, bundleSequence: bundleSequence, sealSM3: sealSM3)
    }

    /// The record of `listing` with its files.
    public init(_ listing: FiledSealListing, sealDER: Data, imageSVG: Data, holderCertificate: Data) {
        self.init(seal: listing.seal, stationID: listing.stationID, bundleSequence: listing.bundleSequence, sealSM3: listing.sealSM3,
                  sealDER: sealDER, imageSVG: imageSVG, holderCertificate: holderCertificate)
    }

    /// The columns beside the listing's: the seal's files.
    enum FileKeys: String, CodingKey, CaseIterable {
        case sealDER, imageSVG, holderCertificate
    }

    public init(from decoder: any Decoder) throws {
        // The listing's columns and the files, of the same row.
        let listing = try FiledSealListing(from: decoder)
        let container = try decoder.container(keyedBy: FileKeys.self)
        self.init(listing, sealDER: try container.decode(Data.self, forKey: .sealDER), imageSVG: try container.decode(Data.self, forKey: .imageSVG),
                  holderCertificate: try container.decode(Data.self, forKey: .holderCertificate))
    }

    public func encode(to encoder: any Encoder) throws {
        try listing.encode(to: encoder)
        var container = encoder.container(keyedBy: FileKeys.self)
        try container.encode(sealDER, forKey: .sealDER)
        try container.encode(imageSVG, forKey: .imageSVG)
        try container.encode(holderCertificate, forKey: .holderCertificate)
    }
}

extension FiledSealRecord {
    /// The seal's picture (its PNG, as stamped), read from the SES_Seal.
    /// - Throws: ``BundleImportError/unreadableSeal(esID:reason:)`` for a seal that cannot be read (a damaged registry).
    public func picture() throws -> SealPicture {
        do {
            return try ElectronicSeal(derEncoded: Array(sealDER)).picture
        } catch {
            throw BundleImportError.unreadableSeal(esID: seal.esID, reason: "\(error)")
        }
    }

    /// The holder certificate's serial number, filed form (``FiledRevocationRecord/serialHex(_:)``).
    /// - Throws: ``BundleImportError/unreadableHolderCertificate(esID:reason:)`` for a certificate that cannot be
    ///   read (a damaged registry).
    public func holderSerial() throws -> String {
        do {
            return FiledRevocationRecord.serialHex(try Certificate(derEncoded: Array(holderCertificate)).serialNumber)
        } catch {
            throw BundleImportError.unreadableHolderCertificate(esID: seal.esID, reason: "\(error)")
        }
    }
}
