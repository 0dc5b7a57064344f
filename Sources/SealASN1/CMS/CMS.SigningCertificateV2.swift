public import SwiftASN1

extension CMS {
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }
    //                                                                                             RFC 5035 §3
    /// The signed attribute that binds a CAdES signature to its signer's certificate (PAdES baseline B requires
    /// it). The first ESSCertIDv2 names the signer's certificate; policies are kept as read and not written.
    public struct SigningCertificateV2: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var certs: [ESSCertIDv2]
        public var policies: ASN1Any?

        public init(certs: [ESSCertIDv2], policies: ASN1Any? = nil) {
            self.certs = certs
            self.policies = policies
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let certs = try DER.sequence(of: ESSCertIDv2.self, identifier: .sequence, nodes: &nodes)
                guard !certs.isEmpty else { throw ASN1Error.invalidASN1Object(reason: "SigningCertificateV2 names no certificate") }
                let policies = nodes.next().map(ASN1Any.init(derEncoded:))
                return SigningCertificateV2(certs: certs, policies: policies)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serializeSequenceOf(certs)
                if let policies { try coder.serialize(policies) }
            }
        }
    }
}
