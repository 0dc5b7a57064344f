import SwiftASN1

// PBKDF2-params ::= SEQUENCE {
//      salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier {{PBKDF2-SaltSources}} },
//      iterationCount INTEGER (1..MAX),
//      keyLength INTEGER (1..MAX) OPTIONAL,
//      prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }     (RFC 8018 A.2)
struct PBKDF2Parameters: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var salt: ASN1OctetString
    /// As read, at any width: range-checked by ``KeyFileProtection`` before anything derives a key with it.
    var iterationCount: UntrustedInteger
    var keyLength: UntrustedInteger?
    var prf: AlgorithmIdentifier?

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let salt = try ASN1OctetString(derEncoded: &nodes)
            let iterations = try UntrustedInteger(derEncoded: &nodes)
            var keyLength: UntrustedInteger? = nil
            var prf: AlgorithmIdentifier? = nil
            if let next = nodes.next() {
                if next.identifier == .integer {
                    keyLength = try UntrustedInteger(derEncoded: next)
                    prf = try nodes.next().map { try AlgorithmIdentifier(derEncoded: $0) }
                } else {
                    prf = try AlgorithmIdentifier(derEncoded: next)
                }
            }
            return PBKDF2Parameters(salt: salt, iterationCount: iterations, keyLength: keyLength, prf: prf)
        }
    }

    init(salt: ASN1OctetString, iterationCount: UntrustedInteger, keyLength: UntrustedInteger?, prf: AlgorithmIdentifier?) {
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
