public import SwiftASN1

extension CMS {
    // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL }
    //                                                                                        RFC 5280 §4.1.1.2
    /// An algorithm and its parameters as read (absent for SM3, SHA-256, SM2 and ECDSA signatures as written here).
    public struct AlgorithmIdentifier: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var algorithm: ASN1ObjectIdentifier
        public var parameters: ASN1Any?

        public init(_ algorithm: ASN1ObjectIdentifier, parameters: ASN1Any? = nil) {
            self.algorithm = algorithm
            self.parameters = parameters
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
                let parameters = nodes.next().map(ASN1Any.init(derEncoded:))
                return AlgorithmIdentifier(algorithm, parameters: parameters)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(algorithm)
                if let parameters { try coder.serialize(parameters) }
            }
        }

        /// Whether the parameters are absent or NULL (both are seen for hash algorithms).
        public var hasNoParameters: Bool {
            guard let parameters else { return true }
            return (try? ASN1Null(asn1Any: parameters)) != nil
        }
    }
}
