public import SwiftASN1

extension GBT35275 {
    // ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY }
    // SignedData ::= SEQUENCE {
    //     version           CMSVersion,                     -- 1
    //     digestAlgorithms  SET OF DigestAlgorithmIdentifier,  -- { SM3 }
    //     encapContentInfo  EncapsulatedContentInfo,        -- { data } without eContent: detached
    //     certificates      [0] IMPLICIT CertificateSet OPTIONAL,
    //     signerInfos       SET OF SignerInfo }             RFC 5652 §3, §5.1; GB/T 35275 §8–9
    /// A detached SignedData wrapped in its ContentInfo (content type signedData, 1.2.156.10197.6.1.4.2.2).
    public struct SignedData: DERSerializable, Hashable, Sendable {
        /// DER certificates carried for the verifier (the signer's first, then its chain).
        public var certificates: [[UInt8]]
        public var signerInfos: [SignerInfo]

        public init(certificates: [[UInt8]], signerInfos: [SignerInfo]) {
            self.certificates = certificates
            self.signerInfos = signerInfos
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(GBT35275.signedData)
                try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(1)
                        try coder.serializeSetOf([AlgorithmIdentifier(GBT35275.sm3)], identifier: .set)
                        try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(GBT35275.data) }
                        if !certificates.isEmpty {
                            // CertificateSet is a SET OF: DER orders the elements by their encodings.
                            coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                                for certificate in certificates.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                                    coder.serializeRawBytes(certificate)
                                }
                            }
                        }
                        try coder.serializeSetOf(signerInfos, identifier: .set)
                    }
                }
            }
        }
    }
}
