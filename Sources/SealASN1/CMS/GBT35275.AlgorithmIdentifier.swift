public import SwiftASN1

extension GBT35275 {
    // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }   RFC 5280
    /// An algorithm identifier with absent parameters (as RFC 5754 asks for hash algorithms).
    public struct AlgorithmIdentifier: DERSerializable, Hashable, Sendable {
        public var algorithm: ASN1ObjectIdentifier

        public init(_ algorithm: ASN1ObjectIdentifier) { self.algorithm = algorithm }

        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(algorithm) }
        }
    }
}
