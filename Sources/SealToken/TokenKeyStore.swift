public import SealCrypto
import SwiftASN1

/// Holder keys, certificates and seals on a PKCS#11 token, through one logged-in session and a vendor profile.
///
/// Objects of one seal share a CKA_ID: the key pair (generated on the token, private key CKA_TOKEN, CKA_PRIVATE,
/// CKA_SENSITIVE, not CKA_EXTRACTABLE), the holder certificate (CKO_CERTIFICATE, CKC_X_509) and the seal
/// (CKO_DATA, CKA_APPLICATION ``sealApplication``, CKA_LABEL ``sealLabel(id:)`` naming the same ID, CKA_VALUE the DER
/// SES_Seal).
public final class TokenKeyStore: @unchecked Sendable {
    /// CKA_APPLICATION of seal data objects.
    public static let sealApplication = "SealStation GB/T 38540 SES_Seal"

    public let session: PKCS11Session
    public let profile: VendorProfile

    public init(session: PKCS11Session, profile: VendorProfile) {
        self.session = session
        self.profile = profile
    }

    /// The key algorithm holder keys get on this token: SM2 when the profile maps it, else P-256, else none.
    public var holderKeyAlgorithm: KeyAlgorithm? {
        if profile.sm2 != nil { return .sm2 }
        if profile.p256 != nil { return .p256 }
        return nil
    }

    /// Generates a key pair on the token under `id` and returns it.
    public func generateKey(_ algorithm: KeyAlgorithm, label: String, id: [UInt8]) throws -> TokenKey {
        let mechanisms = try self.mechanisms(for: algorithm)
        // Nothing may exist under this ID yet (nor a seal object naming it), so a failed issue can remove all of it.
        guard try session.findObjects([PKCS11Attribute(type: PKCS11Code.id, bytes: id)]).isEmpty, try findSeal(id: id) == nil else {
            throw PKCS11Error.objectExists("objects with CKA_ID \(Hex.encode(id))")
        }
        let common = [
            PKCS11Attribute(type: PKCS11Code.token, bool: true),
            PKCS11Attribute(type: PKCS11Code.label, string: label),
            PKCS11Attribute(type: PKCS11Code.id, bytes: id),
            PKCS11Attribute(type: PKCS11Code.keyType, ulong: mechanisms.keyType),
        ]
        let publicTemplate = common + [
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.publicKeyClass),
            PKCS11Attribute(type: PKCS11Code.ecParams, bytes: mechanisms.curve),
            PKCS11Attribute(type: PKCS11Code.verify, bool: true),
            PKCS11Attribute(type: PKCS11Code.private, bool: false),
        ]
        let privateTemplate = common + [
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.privateKeyClass),
            PKCS11Attribute(type: PKCS11Code.sign, bool: true),
            PKCS11Attribute(type: PKCS11Code.private, bool: true),
            PKCS11Attribute(type: PKCS11Code.sensitive, bool: true),
            PKCS11Attribute(type: PKCS11Code.extractable, bool: false),
        ]
        let handles = try session.generateKeyPair(
            mechanism: mechanisms.keyPairGeneration, publicTemplate: publicTemplate, privateTemplate: privateTemplate)
        let publicKey = try self.publicKey(handle: handles.publicKey)
        return TokenKey(id: id, algorithm: algorithm, privateKeyHandle: handles.privateKey, publicKey: publicKey)
    }

    /// The key pair stored under `id`.
    public func key(id: [UInt8]) throws -> TokenKey {
        let privateHandles = try session.findObjects([
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.privateKeyClass),
            PKCS11Attribute(type: PKCS11Code.id, bytes: id),
        ])
        let publicHandles = try session.findObjects([
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.publicKeyClass),
            PKCS11Attribute(type: PKCS11Code.id, bytes: id),
        ])
        guard let privateHandle = privateHandles.first, let publicHandle = publicHandles.first else {
            throw PKCS11Error.objectNotFound("key pair with CKA_ID \(Hex.encode(id))")
        }
        let keyType = try session.attribute(PKCS11Code.keyType, of: publicHandle).map(Self.ulong) ?? 0
        let algorithm: KeyAlgorithm = profile.sm2?.keyType == keyType && (profile.p256?.keyType != keyType) ? .sm2 : .p256
        return TokenKey(
            id: id, algorithm: algorithm, privateKeyHandle: privateHandle,
            publicKey: try publicKey(handle: publicHandle))
    }

    /// Writes the holder certificate as a CKO_CERTIFICATE object under `id`.
    public func writeCertificate(_ certificate: Certificate, label: String, id: [UInt8]) throws {
        try session.createObject([
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.certificateClass),
            PKCS11Attribute(type: PKCS11Code.certificateType, ulong: PKCS11Code.x509Certificate),
            PKCS11Attribute(type: PKCS11Code.token, bool: true),
            PKCS11Attribute(type: PKCS11Code.private, bool: false),
            PKCS11Attribute(type: PKCS11Code.label, string: label),
            PKCS11Attribute(type: PKCS11Code.id, bytes: id),
            PKCS11Attribute(type: PKCS11Code.subject, bytes: certificate.subjectNameDER),
            PKCS11Attribute(type: PKCS11Code.issuer, bytes: certificate.issuerNameDER),
            PKCS11Attribute(type: PKCS11Code.value, bytes: certificate.derEncoded),
        ])
    }

    /// The CKA_LABEL of the seal data object for `id`: `SES_Seal <CKA_ID in hex>`.
    ///
    /// PKCS#11 gives data objects no CKA_ID (SoftHSM2 refuses one with CKR_ATTRIBUTE_TYPE_INVALID, and leaves a blank
    /// data object behind when it does), so the label carries the ID and CKA_ID is never set on the seal object.
    public static func sealLabel(id: [UInt8]) -> String { "SES_Seal " + Hex.encode(id) }

    /// Writes a DER SES_Seal as a CKO_DATA object: CKA_APPLICATION ``sealApplication``, CKA_LABEL ``sealLabel(id:)``.
    public func writeSeal(_ der: [UInt8], id: [UInt8]) throws {
        let template = [
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.dataClass),
            PKCS11Attribute(type: PKCS11Code.token, bool: true),
            PKCS11Attribute(type: PKCS11Code.private, bool: false),
            PKCS11Attribute(type: PKCS11Code.label, string: Self.sealLabel(id: id)),
            PKCS11Attribute(type: PKCS11Code.application, string: Self.sealApplication),
            PKCS11Attribute(type: PKCS11Code.value, bytes: der),
        ]
        guard try findSeal(id: id) == nil else { throw PKCS11Error.objectExists("a seal with CKA_ID \(Hex.encode(id))") }
        try session.createObject(template)
    }

    /// The DER SES_Seal stored under `id`.
    public func seal(id: [UInt8]) throws -> [UInt8] {
        guard let handle = try findSeal(id: id), let value = try session.attribute(PKCS11Code.value, of: handle) else {
            throw PKCS11Error.objectNotFound("seal data object '\(Self.sealLabel(id: id))'")
        }
        return value
    }

    private func findSeal(id: [UInt8]) throws -> UInt? {
        try session.findObjects([
            PKCS11Attribute(type: PKCS11Code.classAttribute, ulong: PKCS11Code.dataClass),
            PKCS11Attribute(type: PKCS11Code.application, string: Self.sealApplication),
            PKCS11Attribute(type: PKCS11Code.label, string: Self.sealLabel(id: id)),
        ]).first
    }

    /// Destroys every object under `id`: the key pair, the certificate and the seal data object.
    public func destroyObjects(id: [UInt8]) throws {
        var handles = try session.findObjects([PKCS11Attribute(type: PKCS11Code.id, bytes: id)])
        if let seal = try findSeal(id: id), !handles.contains(seal) { handles.append(seal) }
        for handle in handles { try session.destroyObject(handle) }
    }

    /// Signs `message` with the token key; returns DER SEQUENCE{r, s} verifiable with the key's algorithm
    /// (SM2 with SM3 and ID 1234567812345678, or ECDSA with SHA-256). Every signature is verified with the key's public
    /// key before it is returned.
    /// - Throws: `PKCS11Error.signatureDoesNotVerify` when the token's signature does not verify.
    public func sign(_ message: [UInt8], with key: TokenKey) throws -> [UInt8] {
        let mechanisms = try self.mechanisms(for: key.algorithm)
        let input: [UInt8]
        switch (key.algorithm, mechanisms.input) {
        case (.sm2, _): input = try SM2.signingDigest(of: message, publicKeyPoint: key.publicKey.rawPoint)
        case (.p256, .digest): input = try DigestAlgorithm.sha256.hash(message)
        case (.p256, .message): input = message
        }
        let output = try session.sign(mechanism: mechanisms.sign, key: key.privateKeyHandle, data: input)
        let signature: [UInt8]
        switch mechanisms.signature {
        case .raw:
            guard output.count == 64 else { throw PKCS11Error.unexpectedSignature(length: output.count) }
            signature = try ECDSASignatureValue(rawConcatenated: output).derEncoded()
        case .der:
            guard let value = try? ECDSASignatureValue(derEncoded: output) else {
                throw PKCS11Error.unexpectedSignature(length: output.count)
            }
            signature = try value.derEncoded()
        }
        // Checked with the token's public key over what the token was given, before anyone can keep it.
        let verifies = switch (key.algorithm, mechanisms.input) {
        case (.p256, .message): try key.publicKey.isValidSignature(signature, for: message)
        default: try key.publicKey.isValidSignature(signature, prehashed: input)
        }
        guard verifies else { throw PKCS11Error.signatureDoesNotVerify(token: session.token.label, id: Hex.encode(key.id)) }
        return signature
    }

    /// Every object visible in the session (private objects only after login), without secret values.
    public func objects() throws -> [TokenObject] {
        try session.findObjects().map { handle in
            let objectClass = TokenObject.ObjectClass(
                code: try session.attribute(PKCS11Code.classAttribute, of: handle).map(Self.ulong) ?? UInt.max)
            let isKey = objectClass == .privateKey || objectClass == .publicKey || objectClass == .secretKey
            return TokenObject(
                objectClass: objectClass,
                label: try session.attribute(PKCS11Code.label, of: handle).map { String(decoding: $0, as: UTF8.self) } ?? "",
                id: Hex.encode(try session.attribute(PKCS11Code.id, of: handle) ?? []),
                application: objectClass == .data
                    ? try session.attribute(PKCS11Code.application, of: handle).map { String(decoding: $0, as: UTF8.self) }
                    : nil,
                keyType: isKey
                    ? try session.attribute(PKCS11Code.keyType, of: handle).map { "0x" + String(Self.ulong($0), radix: 16) }
                    : nil,
                valueLength: isKey ? nil : try session.attribute(PKCS11Code.value, of: handle)?.count,
                sensitive: objectClass == .privateKey
                    ? try session.attribute(PKCS11Code.sensitive, of: handle).map { $0.first == 1 } : nil,
                extractable: objectClass == .privateKey
                    ? try session.attribute(PKCS11Code.extractable, of: handle).map { $0.first == 1 } : nil)
        }
    }

    private func mechanisms(for algorithm: KeyAlgorithm) throws -> VendorProfile.Mechanisms {
        guard let mechanisms = profile.mechanisms(for: algorithm) else {
            throw PKCS11Error.noVendorProfile(module: session.module.path, algorithm: algorithm.displayName)
        }
        return mechanisms
    }

    /// The public key of a CKO_PUBLIC_KEY object from its CKA_EC_POINT (a DER OCTET STRING around `04‖x‖y`;
    /// some modules return the bare point) and CKA_EC_PARAMS (vendor SM2 key types may omit it: then SM2).
    private func publicKey(handle: UInt) throws -> PublicKey {
        let parameters = try session.attribute(PKCS11Code.ecParams, of: handle)
        let algorithm: KeyAlgorithm = parameters == Self.p256CurveDER ? .p256 : .sm2
        guard let value = try session.attribute(PKCS11Code.ecPoint, of: handle) else {
            throw PKCS11Error.attributeUnreadable(attribute: "CKA_EC_POINT", reason: "the token did not return it")
        }
        let point: [UInt8]
        if value.count == 65, value.first == 0x04 {
            point = value
        } else if let octets = try? ASN1OctetString(derEncoded: value) {
            point = Array(octets.bytes)
        } else {
            throw PKCS11Error.malformedValue("CKA_EC_POINT is neither a DER OCTET STRING nor an uncompressed point")
        }
        do {
            return try PublicKey(rawPoint: point, algorithm: algorithm)
        } catch {
            throw PKCS11Error.malformedValue("CKA_EC_POINT: \(error)")
        }
    }

    /// DER of the prime256v1 OID, 1.2.840.10045.3.1.7.
    static let p256CurveDER: [UInt8] = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]

    static func ulong(_ bytes: [UInt8]) -> UInt {
        var value: UInt = 0
        withUnsafeMutableBytes(of: &value) { raw in
            for index in 0..<min(raw.count, bytes.count) { raw[index] = bytes[index] }
        }
        return value
    }
}

/// A key pair on a token: the private key's handle (it never leaves the token) and the public key read back.
public struct TokenKey: Sendable {
    public let id: [UInt8]
    /// Which mechanisms of the vendor profile the key uses (and so how messages are hashed before signing).
    /// The public key's own algorithm follows its curve; the two differ only for test mappings.
    public let algorithm: KeyAlgorithm
    public let privateKeyHandle: UInt
    public let publicKey: PublicKey
}

/// A token key as a ``MessageSigner``: signatures are made on the token through its vendor profile.
public struct TokenSigner: MessageSigner {
    public let store: TokenKeyStore
    public let key: TokenKey

    public init(store: TokenKeyStore, key: TokenKey) {
        self.store = store
        self.key = key
    }

    public var publicKey: PublicKey { key.publicKey }
    public var signatureAlgorithm: SignatureAlgorithm { key.publicKey.algorithm.signatureAlgorithm }
    public func signature(for message: [UInt8]) throws -> [UInt8] { try store.sign(message, with: key) }
}
