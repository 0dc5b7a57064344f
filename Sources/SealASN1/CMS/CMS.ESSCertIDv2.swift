public import SwiftASN1

extension CMS {
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
    //                            certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }          RFC 5035 §4
    /// One certificate named by its hash, as signingCertificateV2 lists it. The issuerSerial is not written (it is
    /// optional and the hash alone binds the certificate); when read it is kept as it was.
    public struct ESSCertIDv2: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        /// The hash algorithm; nil means the DEFAULT, SHA-256 (DER leaves a DEFAULT value out).
        public var hashAlgorithm: AlgorithmIdentifier?
        public var certHash: ASN1OctetString
        /// The IssuerSerial as read, or nil.
        public var issuerSerial: ASN1Any?

        public init(hashAlgorithm: AlgorithmIdentifier? = nil, certHash: [UInt8], issuerSerial: ASN1Any? = nil) {
            self.hashAlgorithm = hashAlgorithm?.algorithm == CMS.sha256 && hashAlgorithm?.parameters == nil ? nil : hashAlgorithm
            self.certHash = ASN1OctetString(contentBytes: certHash[...])
            self.issuerSerial = issuerSerial
        }

        /// The hash algorithm's OID, with the DEFAULT applied.
        public var hashAlgorithmOID: ASN1ObjectIdentifier { hashAlgorithm?.algorithm ?? CMS.sha256 }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                var algorithm: AlgorithmIdentifier?
                var lookahead = nodes
                if let next = lookahead.next(), next.identifier == .sequence {
                    algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                }
                let hash = try ASN1OctetString(derEncoded: &nodes)
                let issuerSerial = nodes.next().map(ASN1Any.init(derEncoded:))
                return ESSCertIDv2(hashAlgorithm: algorithm, certHash: Array(hash.bytes), issuerSerial: issuerSerial)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                if let hashAlgorithm { try coder.serialize(hashAlgorithm) }
                try coder.serialize(certHash)
                if let issuerSerial { try coder.serialize(issuerSerial) }
            }
        }
    }
}
