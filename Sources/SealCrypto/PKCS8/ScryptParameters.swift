import SwiftASN1

// scrypt-params ::= SEQUENCE {
//      salt OCTET STRING,
//      costParameter INTEGER (1..MAX),
//      blockSize INTEGER (1..MAX),
//      parallelizationParameter INTEGER (1..MAX),
//      keyLength INTEGER (1..MAX) OPTIONAL }                          (RFC 7914 §7.1)
/// The scrypt parameters of a PBES2 key file, read at any width so that ``KeyFileProtection`` can range-check them
/// (``Scrypt/Limits/keyFile``) before OpenSSL derives anything.
struct ScryptParameters: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var salt: ASN1OctetString
    var costParameter: UntrustedInteger
    var blockSize: UntrustedInteger
    var parallelizationParameter: UntrustedInteger
    var keyLength: UntrustedInteger?

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            ScryptParameters(
                salt: try ASN1OctetString(derEncoded: &nodes), costParameter: try UntrustedInteger(derEncoded: &nodes),
                blockSize: try UntrustedInteger(derEncoded: &nodes), parallelizationParameter: try UntrustedInteger(derEncoded: &nodes),
                keyLength: try nodes.next().map { try UntrustedInteger(derEncoded: $0) })
        }
    }

    init(salt: ASN1OctetString, costParameter: UntrustedInteger, blockSize: UntrustedInteger, parallelizationParameter: UntrustedInteger,
         keyLength: UntrustedInteger?) {
        self.salt = salt
        self.costParameter = costParameter
        self.blockSize = blockSize
        self.parallelizationParameter = parallelizationParameter
        self.keyLength = keyLength
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(salt)
            try coder.serialize(costParameter)
            try coder.serialize(blockSize)
            try coder.serialize(parallelizationParameter)
            if let keyLength { try coder.serialize(keyLength) }
        }
    }
}
