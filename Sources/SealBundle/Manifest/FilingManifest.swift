import Foundation
import SealASN1
public import SealCrypto
import SwiftASN1

// SealStationFilingManifest ::= SEQUENCE {
//     info       FilingManifestInfo,
//     signature  OCTET STRING }   -- SM2 by the station CA key (ID 1234567812345678) over the DER of info, SEQUENCE{r, s}
/// The signed summary of a filing bundle that fits one QR symbol (about 210–240 bytes, a version 10–11 symbol at level
/// M, which holds up to 2,331): what a
/// courier's sheet and a receiving clerk's scanner carry, checkable with nothing but the station CA certificate.
public struct FilingManifest: Sendable, Equatable {
    public let info: FilingManifestInfo
    /// The exact DER of `info` the signature covers.
    public let infoDER: [UInt8]
    public let signature: [UInt8]
    /// The whole manifest, DER: the QR payload.
    public let derEncoded: [UInt8]

    /// Signs `info` with the station CA key; the signature is verified before the manifest is made.
    public init(info: FilingManifestInfo, signer: some MessageSigner) throws {
        var serializer = DER.Serializer()
        try serializer.serialize(info)
        let infoDER = serializer.serializedBytes
        let signature = try signer.signature(for: infoDER)
        guard try signer.publicKey.isValidSignature(signature, for: infoDER) else {
            throw SealCryptoError.signatureDoesNotVerify(made: "the filing manifest signature")
        }
        var outer = DER.Serializer()
        try outer.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(infoDER)
            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
        }
        self.info = info
        self.infoDER = infoDER
        self.signature = signature
        self.derEncoded = outer.serializedBytes
    }

    /// Reads a manifest: DER only, canonical (re-encoding gives the same bytes), version 1, digests 32 bytes.
    /// - Throws: `FilingManifestError.malformed` naming what is wrong.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= 2331 else { throw FilingManifestError.malformed("\(bytes.count) bytes: more than one QR symbol holds") }
        do {
            let (info, infoDER, signature) = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                guard let infoNode = nodes.next() else { throw FilingManifestError.malformed("no manifest information") }
                let info = try FilingManifestInfo(derEncoded: infoNode)
                let signature = try ASN1OctetString(derEncoded: &nodes)
                return (info, Array(infoNode.encodedBytes), Array(signature.bytes))
            }
            guard info.version == FilingManifestInfo.currentVersion else {
                throw FilingManifestError.malformed("version \(info.version) is not 1")
            }
            guard info.stationID.count == 32, info.bundleSM3.count == 32, [0, 32].contains(info.previousBundleSM3.count) else {
                throw FilingManifestError.malformed("a station id or bundle digest is not 32 bytes")
            }
            self.info = info
            self.infoDER = infoDER
            self.signature = signature
            self.derEncoded = bytes
        } catch let error as FilingManifestError {
            throw error
        } catch {
            throw FilingManifestError.malformed("not a DER filing manifest: \(ParseProblem.describe(error))")
        }
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(info)
            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
        }
        guard serializer.serializedBytes == bytes else { throw FilingManifestError.malformed("not in canonical DER") }
    }

    /// Checks the signature under `stationCA` (and that the manifest names that station).
    /// - Throws: `FilingManifestError.unknownSigner` when another key signed it (or it was changed).
    public func verify(stationCA: Certificate) throws {
        guard info.stationID == stationCA.fingerprint else {
            throw FilingManifestError.unknownSigner("the manifest names station \(Hex.encode(info.stationID).prefix(16))…, not \(stationCA.subject)")
        }
        guard (try? stationCA.publicKey.isValidSignature(signature, for: infoDER)) == true else {
            throw FilingManifestError.unknownSigner("the signature does not verify under \(stationCA.subject)'s key: another key signed it, or it was changed")
        }
    }

    /// What differs between the manifest and a verified bundle (empty when it describes that bundle).
    public func differences(from report: BundleVerificationReport) -> [String] {
        guard let bundle = report.info else { return ["the bundle could not be read"] }
        var differences: [String] = []
        // An encrypted bundle's manifest names the file on the medium: the encrypted one.
        let fileSM3 = report.encryptedSM3 ?? report.sm3
        if Hex.encode(info.bundleSM3) != fileSM3 { differences.append("bundle SM3: manifest \(Hex.encode(info.bundleSM3).prefix(16))…, bundle \(fileSM3.prefix(16))…") }
        if Hex.encode(info.stationID) != bundle.stationID { differences.append("station id") }
        if info.sequence != bundle.sequence { differences.append("sequence: manifest \(info.sequence), bundle \(bundle.sequence)") }
        if (info.previousBundleSM3.isEmpty ? nil : Hex.encode(info.previousBundleSM3)) != bundle.previousBundleSM3 { differences.append("previous bundle SM3") }
        if info.sealCount != report.seals.count { differences.append("seal count: manifest \(info.sealCount), bundle \(report.seals.count)") }
        if Int(SESTime.date(info.created).timeIntervalSince1970) != Int(bundle.created.timeIntervalSince1970) { differences.append("creation time") }
        return differences
    }
}
