public import Foundation
public import SealASN1
public import SwiftASN1

/// An electronic signature (电子签章, SES_Signature) of any supported version, read from DER. The bytes the signer
/// signed are kept exactly as read.
public struct ElectronicSignature: Sendable {
    /// The parsed structure.
    public enum Structure: Sendable {
        case v1(SESv1.SES_Signature)
        case v4(SESv4.SES_Signature)
    }

    /// The DER the signature was read from (or made as).
    public let derEncoded: [UInt8]
    public let structure: Structure
    /// The standard the signature follows (that of its seal).
    public let version: ElectronicSeal.Version
    /// The embedded seal.
    public let seal: ElectronicSeal
    /// Deviations found while reading the signature and its seal.
    public let readingDeviations: [SESDeviation]

    /// Reads a signature (v1, v4 or v5) from DER; refuses input over 10 MiB before parsing.
    public init(derEncoded bytes: [UInt8]) throws {
        let root = try parseSESDER(bytes, structure: "SES_Signature")
        guard root.identifier == .sequence, case .constructed(let children) = root.content else {
            throw SESFormatError.malformed(structure: "SES_Signature", reason: "the top element is \(root.identifier), not a SEQUENCE")
        }
        let count = children.reduce(0) { count, _ in count + 1 }
        switch count {
        case 2: try self.init(structure: .v1(try SESv1.SES_Signature(derEncoded: root)), derEncoded: bytes)
        case 4, 5: try self.init(structure: .v4(try SESv4.SES_Signature(derEncoded: root)), derEncoded: bytes)
        default: throw SESFormatError.unknownLayout(elementCount: count)
        }
    }

    init(structure: Structure) throws {
        var serializer = DER.Serializer()
        switch structure {
        case .v1(let signature): try serializer.serialize(signature)
        case .v4(let signature): try serializer.serialize(signature)
        }
        try self.init(structure: structure, derEncoded: serializer.serializedBytes)
    }

    private init(structure: Structure, derEncoded: [UInt8]) throws {
        var deviations: [SESDeviation] = []
        switch structure {
        case .v1(let signature):
            seal = try ElectronicSeal(structure: .v1(signature.toSign.eseal))
        case .v4(let signature):
            seal = try ElectronicSeal(structure: .v4(signature.toSign.eseal))
            let tbsVersion = signature.toSign.version
            guard tbsVersion == 4 || tbsVersion == 5 else {
                throw SESFormatError.unsupportedVersion(structure: "TBS_Sign", version: tbsVersion)
            }
            let sealVersion = seal.version == .v5 ? 5 : 4
            if sealVersion != tbsVersion {
                deviations.append(SESDeviation(
                    field: "TBS_Sign.version", detail: "\(tbsVersion) differs from the seal's version \(sealVersion)"))
            }
            deviations += signature.toSign.extDatas?.deviations(in: "TBS_Sign.extDatas") ?? []
            if signature.timeStamp != nil {
                deviations.append(SESDeviation(field: "SES_Signature.timeStamp", detail: "present; time-stamps are not checked"))
            }
        }
        self.structure = structure
        self.version = seal.version
        self.derEncoded = derEncoded
        self.readingDeviations = seal.readingDeviations + deviations
    }
}

// MARK: - The standard's fields

extension ElectronicSignature {
    /// 签章时间 (v4 timeInfo). v1 time information is vendor-defined; it is read when it holds a DER UTCTime.
    public var signingTime: Date? {
        switch structure {
        case .v4(let signature): return SESTime.date(signature.toSign.timeInfo)
        case .v1(let signature):
            guard let node = try? DER.parse(Array(signature.toSign.timeInfo.bytes)), let time = try? UTCTime(derEncoded: node)
            else { return nil }
            return SESTime.date(time)
        }
    }

    /// 原文杂凑值.
    public var dataHash: [UInt8] {
        switch structure {
        case .v1(let signature): return Array(signature.toSign.dataHash.bytes)
        case .v4(let signature): return Array(signature.toSign.dataHash.bytes)
        }
    }

    /// 原文数据的属性 as written (ASCII; SealStation percent-encodes non-ASCII document names).
    public var propertyInfo: String {
        switch structure {
        case .v1(let signature): return String(signature.toSign.propertyInfo)
        case .v4(let signature): return String(signature.toSign.propertyInfo)
        }
    }

    /// `propertyInfo` with percent-escapes decoded (the document name as the signer gave it).
    public var documentName: String { propertyInfo.removingPercentEncoding ?? propertyInfo }

    /// 签章者证书 (DER).
    public var signerCertificate: [UInt8] {
        switch structure {
        case .v1(let signature): return Array(signature.toSign.cert.bytes)
        case .v4(let signature): return Array(signature.cert.bytes)
        }
    }

    /// The signer's signature algorithm OID.
    public var signatureAlgorithm: ASN1ObjectIdentifier {
        switch structure {
        case .v1(let signature): return signature.toSign.signatureAlgorithm
        case .v4(let signature): return signature.signatureAlgID
        }
    }

    /// The signer's signature value (the BIT STRING).
    public var signatureValue: ASN1BitString {
        switch structure {
        case .v1(let signature): return signature.signature
        case .v4(let signature): return signature.signature
        }
    }

    /// The exact bytes the signer signed: DER(TBS_Sign) as read.
    public var signedMessage: [UInt8] {
        switch structure {
        case .v1(let signature): return Array(signature.toSignBytes)
        case .v4(let signature): return Array(signature.toSignBytes)
        }
    }

    /// TBS_Sign.extDatas (v4).
    public var extensions: [ExtData] {
        if case .v4(let signature) = structure { return signature.toSign.extDatas?.items ?? [] }
        return []
    }
}
