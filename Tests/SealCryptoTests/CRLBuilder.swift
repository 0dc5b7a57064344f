import Foundation
import SealCrypto
import SwiftASN1

/// Builds CRLs field by field with swift-asn1's DER.Serializer (no hand-written bytes), signed by a real key, so a
/// test can make each malformed shape the reader must refuse while every other field is right.
struct CRLBuilder {
    /// A Time field: UTCTime or GeneralizedTime of a date (whole seconds).
    enum Time {
        case utc(Date)
        case generalized(Date)
    }

    /// A serial number as an unsigned big-endian value or as a signed integer (for negative serials).
    enum Serial {
        case unsigned([UInt8])
        case signed(Int)
    }

    /// One Extension.
    struct Extension {
        var oid: ASN1ObjectIdentifier
        var critical = false
        var value: [UInt8]

        static func reasonCode(_ code: Int) throws -> Extension {
            var value = DER.Serializer()
            try code.serialize(into: &value, withIdentifier: .enumerated)
            return Extension(oid: [2, 5, 29, 21], value: value.serializedBytes)
        }

        static func invalidityDate(_ time: Time) throws -> Extension {
            var value = DER.Serializer()
            try CRLBuilder.serialize(time, into: &value)
            return Extension(oid: [2, 5, 29, 24], value: value.serializedBytes)
        }

        static func number(_ bytes: [UInt8]) throws -> Extension {
            var value = DER.Serializer()
            try value.serialize(bytes[...])
            return Extension(oid: [2, 5, 29, 20], value: value.serializedBytes)
        }

        static func authorityKeyIdentifier(_ keyIdentifier: [UInt8]) throws -> Extension {
            var value = DER.Serializer()
            try value.appendConstructedNode(identifier: .sequence) { coder in
                try ASN1OctetString(contentBytes: keyIdentifier[...])
                    .serialize(into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            }
            return Extension(oid: [2, 5, 29, 35], value: value.serializedBytes)
        }

        /// An extension whose value is a NULL, under `oid`.
        static func opaque(_ oid: ASN1ObjectIdentifier, critical: Bool) throws -> Extension {
            var value = DER.Serializer()
            try value.serialize(ASN1Null())
            return Extension(oid: oid, critical: critical, value: value.serializedBytes)
        }
    }

    /// One revokedCertificates entry.
    struct Entry {
        var serial: Serial
        var date: Time
        var extensions: [Extension]? = nil
    }

    /// The version INTEGER (1 = v2); nil leaves it out (v1).
    var version: Int? = 1
    var innerAlgorithm: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]
    var outerAlgorithm: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]
    var issuerNameDER: [UInt8]
    var thisUpdate: Time
    var nextUpdate: Time?
    /// nil leaves revokedCertificates out; [] writes an empty SEQUENCE.
    var entries: [Entry]?
    /// nil leaves crlExtensions out.
    var extensions: [Extension]?
    /// A field appended after the extensions (nil: none).
    var trailingField: Int? = nil

    /// A well-formed v2 CRL by `issuer`: one entry (keyCompromise), number 7, the issuer's SKI as AKI.
    init(issuer: Certificate, at time: Date) throws {
        issuerNameDER = issuer.subjectNameDER
        thisUpdate = .utc(time)
        nextUpdate = .utc(time.addingTimeInterval(7 * 86_400))
        entries = [Entry(serial: .unsigned([0x01, 0x02, 0x03]), date: .utc(time.addingTimeInterval(-60)), extensions: [try .reasonCode(1)])]
        extensions = [try .authorityKeyIdentifier(issuer.subjectKeyIdentifier ?? []), try .number([7])]
    }

    /// The DER CRL, signed by `signer` over the TBSCertList built here.
    func build(signer: PrivateKey) throws -> [UInt8] {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            if let version { try coder.serialize(version) }
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(innerAlgorithm) }
            coder.serializeRawBytes(issuerNameDER[...])
            try Self.serialize(thisUpdate, into: &coder)
            if let nextUpdate { try Self.serialize(nextUpdate, into: &coder) }
            if let entries {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for entry in entries {
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            switch entry.serial {
                            case .unsigned(let bytes): try coder.serialize(bytes[...])
                            case .signed(let value): try coder.serialize(value)
                            }
                            try Self.serialize(entry.date, into: &coder)
                            if let extensions = entry.extensions { try Self.serialize(extensions, into: &coder) }
                        }
                    }
                }
            }
            if let extensions {
                try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                    try Self.serialize(extensions, into: &coder)
                }
            }
            if let trailingField { try coder.serialize(trailingField) }
        }
        let toBeSigned = tbs.serializedBytes
        let signature = try signer.signature(for: toBeSigned)
        var outer = DER.Serializer()
        try outer.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(toBeSigned[...])
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(outerAlgorithm) }
            try coder.serialize(ASN1BitString(bytes: signature[...], paddingBits: 0))
        }
        return outer.serializedBytes
    }

    static func serialize(_ time: Time, into coder: inout DER.Serializer) throws {
        switch time {
        case .utc(let date):
            let c = components(date)
            try coder.serialize(UTCTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!))
        case .generalized(let date):
            let c = components(date)
            try coder.serialize(
                GeneralizedTime(
                    year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!,
                    fractionalSeconds: 0))
        }
    }

    private static func serialize(_ extensions: [Extension], into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            for item in extensions {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(item.oid)
                    if item.critical { try coder.serialize(true) }
                    try coder.serialize(ASN1OctetString(contentBytes: item.value[...]))
                }
            }
        }
    }

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
