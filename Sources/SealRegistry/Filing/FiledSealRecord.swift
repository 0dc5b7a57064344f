public import Foundation
public import GRDB

/// A seal as filed with the online side (table `filed_seal`), in the state of the newest bundle that carried it.
public struct FiledSealRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "filed_seal"
    public var esID: String
    public var stationID: String
    public var bundleSequence: Int64
    public var name: String
    public var kind: String
    public var template: String
    public var unitName: String
    public var creditCode: String
    public var useName: String?
    public var holderName: String?
    public var holderIDNumber: String?
    public var state: String
    public var validFrom: Date
    public var validTo: Date
    public var issuedAt: Date
    public var replacesESID: String?
    public var revokedAt: Date?
    public var revokeReason: String?
    public var sealSM3: String
    public var sealDER: Data
    public var imagePNG: Data
    public var imageSVG: Data
    public var holderCertificate: Data

    public init(esID: String, stationID: String, bundleSequence: Int64, name: String, kind: String, template: String, unitName: String, creditCode: String, useName: String?, holderName: String?, holderIDNumber: String?, state: String, validFrom: Date, validTo: Date, issuedAt: Date, replacesESID: String?, revokedAt: Date?, revokeReason: String?, sealSM3: String, sealDER: Data, imagePNG: Data, imageSVG: Data, holderCertificate: Data) {
        self.esID = esID
        self.stationID = stationID
        self.bundleSequence = bundleSequence
        self.name = name
        self.kind = kind
        self.template = template
        self.unitName = unitName
        self.creditCode = creditCode
        self.useName = useName
        self.holderName = holderName
        self.holderIDNumber = holderIDNumber
        self.state = state
        self.validFrom = validFrom
        self.validTo = validTo
        self.issuedAt = issuedAt
        self.replacesESID = replacesESID
        self.revokedAt = revokedAt
        self.revokeReason = revokeReason
        self.sealSM3 = sealSM3
        self.sealDER = sealDER
        self.imagePNG = imagePNG
        self.imageSVG = imageSVG
        self.holderCertificate = holderCertificate
    }
}
