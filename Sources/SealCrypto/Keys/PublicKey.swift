internal import COpenSSL
import SwiftASN1

/// An SM2 or ECDSA P-256 public key.
public struct PublicKey: Sendable {
    let backing: EVPKey

    /// The DER SubjectPublicKeyInfo.
    public let derEncoded: [UInt8]

    /// The key algorithm.
    public var algorithm: KeyAlgorithm { backing.algorithm }

    /// The uncompressed point `04‖x‖y`.
    public let rawPoint: [UInt8]

    /// SM3 of the DER SubjectPublicKeyInfo, the station's key fingerprint.
    public let fingerprint: [UInt8]

    init(backing: EVPKey) throws {
        self.backing = backing
        self.derEncoded = try backing.subjectPublicKeyInfoDER()
        self.rawPoint = Array(try SubjectPublicKeyInfo(derEncoded: try DER.parse(derEncoded)).subjectPublicKey.bytes)
        self.fingerprint = try SM3.hash(derEncoded)
    }

    /// Parses a DER SubjectPublicKeyInfo; trailing bytes, unknown algorithms and off-curve points are refused.
    public init(derEncoded bytes: [UInt8]) throws {
        let spki: SubjectPublicKeyInfo
        do {
            spki = try SubjectPublicKeyInfo(derEncoded: try DER.parse(bytes))
        } catch {
            throw SealCryptoError.malformedPublicKey(reason: "not a DER SubjectPublicKeyInfo: \(ParseProblem.describe(error))")
        }
        guard spki.algorithm.algorithm == ObjectIdentifiers.ecPublicKey else {
            throw SealCryptoError.unsupportedKeyAlgorithm("public key algorithm \(spki.algorithm.algorithm)")
        }
        guard let curve = spki.namedCurve,
              curve == ObjectIdentifiers.sm2Curve || curve == ObjectIdentifiers.prime256v1
        else {
            throw SealCryptoError.unsupportedKeyAlgorithm("EC public key not on the SM2 or P-256 curve")
        }
        let point = Array(spki.subjectPublicKey.bytes)
        guard spki.subjectPublicKey.paddingBits == 0, point.count == 65, point.first == 0x04 else {
            throw SealCryptoError.malformedPublicKey(reason: "the key is not an uncompressed 65-byte EC point")
        }
        let algorithm: KeyAlgorithm = curve == ObjectIdentifiers.sm2Curve ? .sm2 : .p256
        let backing = try EVPKey.publicKey(point: point, algorithm: algorithm)
        self.backing = backing
        self.derEncoded = bytes
        self.rawPoint = point
        self.fingerprint = try SM3.hash(bytes)
    }

    /// A key from an uncompressed EC point `04‖x‖y` (65 bytes) or bare `x‖y` (64 bytes).
    public init(rawPoint: [UInt8], algorithm: KeyAlgorithm) throws {
        let point: [UInt8]
        switch rawPoint.count {
        case 65 where rawPoint.first == 0x04: point = rawPoint
        case 64: point = [0x04] + rawPoint
        default:
            throw SealCryptoError.malformedPublicKey(
                reason: "an uncompressed point is 65 bytes starting 04 or 64 bytes x‖y, got \(rawPoint.count)")
        }
        let spki = try SubjectPublicKeyInfo(ecPoint: point, curve: algorithm.curveOID)
        try self.init(derEncoded: spki.derBytes())
    }

    /// Whether `signature` (DER SEQUENCE{r, s}) is a valid signature of `message` by this key.
    /// SM2 signatures are checked with SM3 and `userID` (default 1234567812345678); P-256 with SHA-256.
    public func isValidSignature(
        _ signature: [UInt8], for message: some Collection<UInt8>, userID: [UInt8] = SM2.defaultUserID
    ) throws -> Bool {
        // Contiguous messages (arrays, slices of a seal's DER) are verified in place, without a copy.
        if let result = try message.withContiguousStorageIfAvailable({
            try backing.verify(signature, message: UnsafeRawBufferPointer($0), userID: userID)
        }) {
            return result
        }
        return try Array(message).withUnsafeBytes { try backing.verify(signature, message: $0, userID: userID) }
    }
}

extension PublicKey {
    /// Whether `signature` (DER SEQUENCE{r, s}) is valid for `digest`, a value already hashed: for SM2 e = SM3(Z‖M)
    /// (``SM2/signingDigest(of:publicKeyPoint:userID:)``), for ECDSA the SHA-256 of the message. This is the check
    /// for signatures made by a token over a digest the station computed.
    public func isValidSignature(_ signature: [UInt8], prehashed digest: [UInt8]) throws -> Bool {
        try backing.verify(signature, prehashed: digest)
    }
}

extension PublicKey: Hashable {
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Swift.Hasher) { hasher.combine(derEncoded) }
}

extension PublicKey {
    /// PEM text ("PUBLIC KEY").
    public var pemEncoded: String {
        PEMDocument(type: "PUBLIC KEY", derBytes: derEncoded).pemString
    }

    /// Reads a DER or PEM ("PUBLIC KEY") SubjectPublicKeyInfo.
    public init(derOrPEM bytes: [UInt8]) throws {
        if let der = try PEMInput.derBytes(bytes, expectedTypes: ["PUBLIC KEY"], invalid: {
            SealCryptoError.malformedPublicKey(reason: $0)
        }) {
            try self.init(derEncoded: der)
        } else {
            try self.init(derEncoded: bytes)
        }
    }
}
