internal import COpenSSL
public import Foundation
import SwiftASN1

// CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
//                                signatureValue BIT STRING }
// TBSCertList ::= SEQUENCE { version Version OPTIONAL (v2), signature AlgorithmIdentifier, issuer Name,
//                            thisUpdate Time, nextUpdate Time OPTIONAL,
//                            revokedCertificates SEQUENCE OF SEQUENCE { userCertificate CertificateSerialNumber,
//                                revocationDate Time, crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//                            crlExtensions [0] EXPLICIT Extensions OPTIONAL }                       (RFC 5280 §5.1)
/// An X.509 certificate revocation list, read with swift-asn1 and its signed bytes kept exactly as read, with an
/// index from serial number to entry so a lookup costs one hash.
public final class CertificateRevocationList: Sendable {
    /// Bytes as a hash key, hashed in one call.
    struct SerialKey: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    let signed: SignedStructure
    private let index: [SerialKey: Int]

    /// The most bytes a CRL file may have: 16 MiB holds about 350,000 entries with reason codes.
    public static let maximumBytes = 16 << 20

    /// The DER encoding, exactly as read or as issued.
    public let derEncoded: [UInt8]
    /// SM3 of the DER.
    public let fingerprint: [UInt8]
    /// 1 (v1) or 2 (v2).
    public let version: Int
    /// The issuer name, for people.
    public let issuer: DistinguishedName
    /// The DER of the issuer Name, compared with an issuer certificate's subject.
    public let issuerNameDER: [UInt8]
    /// When this CRL was issued.
    public let thisUpdate: Date
    /// When the next CRL will be issued at the latest; after it this one is stale.
    public let nextUpdate: Date?
    /// The cRLNumber extension, big-endian unsigned; nil when absent.
    public let number: [UInt8]?
    /// The authorityKeyIdentifier keyIdentifier; nil when absent.
    public let authorityKeyIdentifier: [UInt8]?
    /// Every revoked certificate, in the order listed.
    public let entries: [RevokedCertificate]
    /// Critical extensions (of the CRL or of an entry) this reader does not understand, as OIDs: RFC 5280 §5.2 says
    /// such a CRL must not be used to determine revocation status (delta CRLs, distribution points, indirect CRLs).
    public let unhandledCriticalExtensions: [String]
    /// The signature algorithm, when it is one SealStation uses.
    public var signatureAlgorithm: SignatureAlgorithm? { SignatureAlgorithm(oid: signed.signatureAlgorithm.algorithm) }
    /// The signature algorithm OID as read.
    public var signatureAlgorithmOID: String { signed.signatureAlgorithm.algorithm.description }

    /// Parses a DER CRL; trailing bytes are refused.
    /// - Throws: `SealCryptoError.malformedCRL` naming what is wrong, `.inputTooLarge` above ``maximumBytes``.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= Self.maximumBytes else {
            throw SealCryptoError.inputTooLarge(what: "CRL", bytes: bytes.count, limit: Self.maximumBytes)
        }
        let shape = DERShape(of: bytes)
        guard shape == .whole else { throw SealCryptoError.malformedCRL(reason: "not a DER CRL: \(shape)") }
        do {
            // Parsed once: the TBSCertList node is the root's first child (parsing its bytes again doubled the
            // load time of a large CRL).
            let root = try DER.parse(bytes)
            signed = try SignedStructure(derEncoded: root)
            guard case .constructed(let parts) = root.content, let tbs = parts.first(where: { _ in true }) else {
                throw ASN1Error.invalidASN1Object(reason: "no TBSCertList")
            }
            guard case .constructed(let children) = tbs.content else { throw ASN1Error.unexpectedFieldType(tbs.identifier) }
            var fields = Array(children)[...]
            func take() throws -> ASN1Node {
                guard let node = fields.popFirst() else { throw ASN1Error.invalidASN1Object(reason: "TBSCertList ends early") }
                return node
            }
            if fields.first?.identifier == .integer {
                // Read at any width: the version is named in the message, and Int.max + 1 would trap.
                let value = try UntrustedInteger(derEncoded: try take())
                guard value.value == 1 else {
                    let named = value.value.flatMap { $0 < Int.max ? "version \($0 + 1)" : nil } ?? "version field \(value)"
                    throw SealCryptoError.malformedCRL(reason: "\(named), expected v2 (or v1 without it)")
                }
                version = 2
            } else {
                version = 1
            }
            let innerAlgorithm = try AlgorithmIdentifier(derEncoded: try take())
            guard innerAlgorithm == signed.signatureAlgorithm else {
                throw SealCryptoError.malformedCRL(
                    reason: "the signature algorithm inside (\(innerAlgorithm.algorithm)) differs from the one outside (\(signed.signatureAlgorithm.algorithm))")
            }
            let issuerNode = try take()
            guard issuerNode.identifier == .sequence else { throw SealCryptoError.malformedCRL(reason: "the issuer is not a Name") }
            issuerNameDER = Array(issuerNode.encodedBytes)
            thisUpdate = try X509Time.date(try take())
            if let next = fields.first, X509Time.isTime(next) {
                nextUpdate = try X509Time.date(try take())
            } else {
                nextUpdate = nil
            }
            var unhandled: [String] = []
            var entries: [RevokedCertificate] = []
            var index: [SerialKey: Int] = [:]
            if fields.first?.identifier == .sequence {
                guard case .constructed(let list) = try take().content else { throw ASN1Error.invalidASN1Object(reason: "revokedCertificates") }
                // Counted first so the list and the index are allocated once (growing them cost a tenth of the load).
                var count = 0
                for _ in list { count += 1 }
                entries.reserveCapacity(count)
                index.reserveCapacity(count)
                for node in list {
                    let entry = try Self.entry(node, version: version, unhandled: &unhandled)
                    let key = SerialKey(bytes: entry.serialNumber)
                    guard index.updateValue(entries.count, forKey: key) == nil else {
                        throw SealCryptoError.malformedCRL(reason: "serial number \(Hex.encode(entry.serialNumber)) is listed twice")
                    }
                    entries.append(entry)
                }
                guard !entries.isEmpty else {
                    throw SealCryptoError.malformedCRL(reason: "revokedCertificates is present but empty (it must then be absent)")
                }
            }
            var number: [UInt8]? = nil, authorityKeyIdentifier: [UInt8]? = nil
            if let node = fields.first, node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                _ = try take()
                guard version == 2 else { throw SealCryptoError.malformedCRL(reason: "a v1 CRL has extensions") }
                guard case .constructed(let wrapped) = node.content, let inner = wrapped.first(where: { _ in true }),
                      wrapped.dropFirst().first(where: { _ in true }) == nil
                else { throw ASN1Error.invalidASN1Object(reason: "crlExtensions [0] does not hold one Extensions") }
                for item in try X509ExtensionField.list(inner) {
                    switch item.oid {
                    case X509ExtensionField.cRLNumber:
                        let value = try ArraySlice<UInt8>(derEncoded: try DER.parse(item.value))
                        guard value.count <= 20 else {
                            throw SealCryptoError.malformedCRL(reason: "the CRL number is \(value.count) bytes long, more than 20")
                        }
                        number = Array(value)
                    case X509ExtensionField.authorityKeyIdentifier:
                        authorityKeyIdentifier = try X509ExtensionField.keyIdentifier(inAuthorityKeyIdentifier: item.value)
                    default:
                        if item.critical { unhandled.append(item.oid.description) }
                    }
                }
            }
            guard fields.isEmpty else { throw SealCryptoError.malformedCRL(reason: "TBSCertList has fields after its extensions") }
            self.entries = entries
            self.index = index
            self.number = number
            self.authorityKeyIdentifier = authorityKeyIdentifier
            self.unhandledCriticalExtensions = unhandled
        } catch let error as ASN1Error {
            throw SealCryptoError.malformedCRL(reason: "not DER of an X.509 CRL: \(ParseProblem.describe(error))")
        }
        if let nextUpdate, nextUpdate < thisUpdate {
            throw SealCryptoError.malformedCRL(reason: "nextUpdate \(nextUpdate.formatted(.iso8601)) is before thisUpdate \(thisUpdate.formatted(.iso8601))")
        }
        issuer = try Self.name(issuerNameDER)
        derEncoded = bytes
        fingerprint = try SM3.hash(bytes)
    }

    /// Parses DER or PEM ("X509 CRL").
    public convenience init(derOrPEM bytes: [UInt8]) throws {
        let der = try PEMInput.derBytes(bytes, expectedTypes: ["X509 CRL"], invalid: { SealCryptoError.malformedCRL(reason: $0) }) ?? bytes
        try self.init(derEncoded: der)
    }

    /// The entry for the certificate with `serialNumber` (big-endian; leading zero bytes ignored), if listed.
    public func entry(forSerialNumber serialNumber: [UInt8]) -> RevokedCertificate? {
        let key = serialNumber.first == 0 ? Array(serialNumber.drop { $0 == 0 }) : serialNumber
        return index[SerialKey(bytes: key)].map { entries[$0] }
    }

    /// The entry for `certificate`, if listed (by serial number only: check ``isIssued(byNameOf:)`` first).
    public func entry(for certificate: Certificate) -> RevokedCertificate? { entry(forSerialNumber: certificate.serialNumber) }

    /// Whether this CRL names `issuer` as its issuer: issuer name equal to the certificate's subject (DER), and
    /// authorityKeyIdentifier equal to its subjectKeyIdentifier when both are present.
    public func isIssued(byNameOf issuer: Certificate) -> Bool {
        issuerNameDER == issuer.subjectNameDER
            && (authorityKeyIdentifier == nil || issuer.subjectKeyIdentifier == nil || authorityKeyIdentifier == issuer.subjectKeyIdentifier)
    }

    /// Whether the issuer's signature verifies under `issuerKey` over the exact TBSCertList bytes read (SM2 with
    /// `userID`, default 1234567812345678).
    /// - Throws: `.unsupportedSignatureAlgorithm`, `.keyAlgorithmMismatch`.
    public func isSignatureValid(under issuerKey: PublicKey, userID: [UInt8] = SM2.defaultUserID) throws -> Bool {
        try signed.isSignatureValid(under: issuerKey, userID: userID)
    }

    /// The exact TBSCertList bytes the signature covers (for cross-checks with other tools).
    public var toBeSignedBytes: [UInt8] { Array(signed.toBeSignedBytes) }

    /// The signature value (DER SEQUENCE{r, s} for SM2 and ECDSA).
    public var signatureValue: [UInt8] { Array(signed.signature.bytes) }

    /// The CRL number as an integer, when it fits 63 bits.
    public var numberValue: Int64? {
        guard let number, number.count <= 8 else { return nil }
        let value = number.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return value <= UInt64(Int64.max) ? Int64(value) : nil
    }

    /// Whether the CRL is past its nextUpdate at `time` (a CRL without nextUpdate is never stale).
    public func isStale(at time: Date) -> Bool { nextUpdate.map { time > $0 } ?? false }

    /// PEM text ("X509 CRL").
    public var pemEncoded: String { PEMDocument(type: "X509 CRL", derBytes: derEncoded).pemString }

    // RevokedCertificate ::= SEQUENCE { userCertificate INTEGER, revocationDate Time, crlEntryExtensions OPTIONAL }
    private static func entry(_ node: ASN1Node, version: Int, unhandled: inout [String]) throws -> RevokedCertificate {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let serial: ArraySlice<UInt8>
            do {
                serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            } catch {
                throw SealCryptoError.malformedCRL(reason: "a revoked serial number is not a positive INTEGER: \(ParseProblem.describe(error))")
            }
            guard !serial.isEmpty, serial.count <= 20 else {
                throw SealCryptoError.malformedCRL(reason: "a revoked serial number is \(serial.count) bytes long, not 1 to 20")
            }
            guard let timeNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "an entry has no revocationDate") }
            let revocationDate = try X509Time.date(timeNode)
            var reason: CRLReason? = nil, invalidityDate: Date? = nil
            if let extensions = nodes.next() {
                guard version == 2 else { throw SealCryptoError.malformedCRL(reason: "a v1 CRL has entry extensions") }
                for item in try X509ExtensionField.list(extensions) {
                    switch item.oid {
                    case X509ExtensionField.reasonCode:
                        let code = try Int(derEncoded: try DER.parse(item.value), withIdentifier: .enumerated)
                        guard let known = CRLReason(rawValue: code) else {
                            throw SealCryptoError.malformedCRL(reason: "reason code \(code) is not one RFC 5280 defines")
                        }
                        reason = known
                    case X509ExtensionField.invalidityDate:
                        let node = try DER.parse(item.value)
                        guard node.identifier == .generalizedTime else {
                            throw SealCryptoError.malformedCRL(reason: "an invalidityDate is not a GeneralizedTime")
                        }
                        invalidityDate = try X509Time.date(node)
                    default:
                        if item.critical { unhandled.append(item.oid.description) }
                    }
                }
            }
            return RevokedCertificate(serialNumber: Array(serial), revocationDate: revocationDate, reason: reason, invalidityDate: invalidityDate)
        }
    }

    /// The attributes of a DER Name (read by OpenSSL, as certificates' names are).
    private static func name(_ der: [UInt8]) throws -> DistinguishedName {
        guard let pointer = derDecode(der, { d2i_X509_NAME(nil, $0, $1) }) else {
            throw SealCryptoError.malformedCRL(reason: OpenSSLErrorStack.refusal("the issuer name is not an X.509 Name"))
        }
        defer { X509_NAME_free(pointer) }
        return X509Values.distinguishedName(pointer)
    }
}

extension CertificateRevocationList: Hashable {
    public static func == (lhs: CertificateRevocationList, rhs: CertificateRevocationList) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
}
