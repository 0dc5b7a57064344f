import SwiftASN1

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
