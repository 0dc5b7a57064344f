import SwiftASN1

// EncryptedPrivateKeyInfo ::= SEQUENCE {
//      encryptionAlgorithm  EncryptionAlgorithmIdentifier,
//      encryptedData        EncryptedData }                         (RFC 5208 §6, RFC 5958 §3)
/// The outer structure of an encrypted PKCS#8 key file; read to classify and describe a key file before
/// OpenSSL decrypts it.
struct EncryptedPrivateKeyInfo: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var encryptionAlgorithm: AlgorithmIdentifier
    var encryptedData: ASN1OctetString

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let data = try ASN1OctetString(derEncoded: &nodes)
            return EncryptedPrivateKeyInfo(encryptionAlgorithm: algorithm, encryptedData: data)
        }
    }

    init(encryptionAlgorithm: AlgorithmIdentifier, encryptedData: ASN1OctetString) {
        self.encryptionAlgorithm = encryptionAlgorithm
        self.encryptedData = encryptedData
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(encryptionAlgorithm)
            try coder.serialize(encryptedData)
        }
    }
}

extension EncryptedPrivateKeyInfo {
    /// Parses `bytes` (DER or PEM "ENCRYPTED PRIVATE KEY") and says precisely what is wrong when they are not an
    /// encrypted PKCS#8 key: truncated, an unencrypted key, or something else.
    static func classify(keyFile bytes: [UInt8]) throws -> EncryptedPrivateKeyInfo {
        let der = try PEMInput.derBytes(
            bytes, expectedTypes: ["ENCRYPTED PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"],
            invalid: { SealCryptoError.notAnEncryptedPrivateKey(reason: $0) }) ?? bytes
        if bytes.starts(with: Array("-----BEGIN PRIVATE KEY".utf8))
            || bytes.starts(with: Array("-----BEGIN EC PRIVATE KEY".utf8))
        {
            throw SealCryptoError.unencryptedPrivateKeyFile
        }
        guard let first = der.first else { throw SealCryptoError.notAnEncryptedPrivateKey(reason: "the file is empty") }
        guard first == 0x30 else {
            let looksLikeText = der.prefix(64).allSatisfy { (0x20..<0x7f).contains($0) || $0 == 0x0a || $0 == 0x0d || $0 >= 0x80 }
            throw SealCryptoError.notAnEncryptedPrivateKey(
                reason: "it does not start with a DER SEQUENCE (first byte 0x\(Hex.encode([first])))"
                    + (looksLikeText ? "; it looks like a text file" : ""))
        }
        let root: ASN1Node
        do {
            root = try DER.parse(der)
        } catch let error as ASN1Error where error.code == .truncatedASN1Field {
            throw SealCryptoError.truncatedKeyFile(declaredLength: declaredLength(der) ?? 0, actualLength: der.count)
        } catch {
            throw SealCryptoError.notAnEncryptedPrivateKey(reason: "the bytes are not DER: \(ParseProblem.describe(error))")
        }
        if case .constructed(let children) = root.content, root.identifier == .sequence {
            var iterator = children.makeIterator()
            if let first = iterator.next(), first.identifier == .integer {
                // PrivateKeyInfo / OneAsymmetricKey start with a version INTEGER; SEC1 ECPrivateKey too.
                throw SealCryptoError.unencryptedPrivateKeyFile
            }
        }
        do {
            return try EncryptedPrivateKeyInfo(derEncoded: root)
        } catch {
            throw SealCryptoError.notAnEncryptedPrivateKey(
                reason: "DER of another structure (\(root.identifier) at the top)")
        }
    }

    /// The total length a DER header at the start of `bytes` declares (header + content), if readable.
    private static func declaredLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let first = Int(bytes[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7f
        guard count > 0, count <= 4, bytes.count >= 2 + count else { return nil }
        let length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return 2 + count + length
    }
}
