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

// PBES2-params ::= SEQUENCE {
//      keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}},
//      encryptionScheme AlgorithmIdentifier {{PBES2-Encs}} }      (RFC 8018 A.4)
struct PBES2Parameters: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var keyDerivationFunc: AlgorithmIdentifier
    var encryptionScheme: AlgorithmIdentifier

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let kdf = try AlgorithmIdentifier(derEncoded: &nodes)
            let scheme = try AlgorithmIdentifier(derEncoded: &nodes)
            return PBES2Parameters(keyDerivationFunc: kdf, encryptionScheme: scheme)
        }
    }

    init(keyDerivationFunc: AlgorithmIdentifier, encryptionScheme: AlgorithmIdentifier) {
        self.keyDerivationFunc = keyDerivationFunc
        self.encryptionScheme = encryptionScheme
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(keyDerivationFunc)
            try coder.serialize(encryptionScheme)
        }
    }
}

// PBKDF2-params ::= SEQUENCE {
//      salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}} },
//      iterationCount INTEGER (1..MAX),
//      keyLength INTEGER (1..MAX) OPTIONAL,
//      prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }     (RFC 8018 A.2)
struct PBKDF2Parameters: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var salt: ASN1OctetString
    var iterationCount: Int
    var keyLength: Int?
    var prf: AlgorithmIdentifier?

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let salt = try ASN1OctetString(derEncoded: &nodes)
            let iterations = try Int(derEncoded: &nodes)
            var keyLength: Int? = nil
            var prf: AlgorithmIdentifier? = nil
            if let next = nodes.next() {
                if next.identifier == .integer {
                    keyLength = try Int(derEncoded: next)
                    prf = try nodes.next().map { try AlgorithmIdentifier(derEncoded: $0) }
                } else {
                    prf = try AlgorithmIdentifier(derEncoded: next)
                }
            }
            return PBKDF2Parameters(salt: salt, iterationCount: iterations, keyLength: keyLength, prf: prf)
        }
    }

    init(salt: ASN1OctetString, iterationCount: Int, keyLength: Int?, prf: AlgorithmIdentifier?) {
        self.salt = salt
        self.iterationCount = iterationCount
        self.keyLength = keyLength
        self.prf = prf
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(salt)
            try coder.serialize(iterationCount)
            if let keyLength { try coder.serialize(keyLength) }
            if let prf { try coder.serialize(prf) }
        }
    }
}
