public import SwiftASN1

extension CMS {
    // SignedData ::= SEQUENCE {
    //     version          CMSVersion,
    //     digestAlgorithms DigestAlgorithmIdentifiers,          -- SET OF AlgorithmIdentifier
    //     encapContentInfo EncapsulatedContentInfo,
    //     certificates     [0] IMPLICIT CertificateSet OPTIONAL,
    //     crls             [1] IMPLICIT RevocationInfoChoices OPTIONAL,
    //     signerInfos      SignerInfos }                        -- SET OF SignerInfo          RFC 5652 §5.1
    /// The signed data: certificates are kept as their DER; revocation information as read.
    public struct SignedData: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var version: Int
        public var digestAlgorithms: [AlgorithmIdentifier]
        public var encapContentInfo: EncapsulatedContentInfo
        /// The certificates carried, each its DER, in the order read (written in DER SET order).
        public var certificates: [[UInt8]]?
        public var crls: [ASN1Any]?
        public var signerInfos: [SignerInfo]

        public init(
            digestAlgorithms: [AlgorithmIdentifier], encapContentInfo: EncapsulatedContentInfo, certificates: [[UInt8]]?,
            signerInfos: [SignerInfo]
        ) {
            self.version = 1
            self.digestAlgorithms = digestAlgorithms
            self.encapContentInfo = encapContentInfo
            self.certificates = certificates
            self.crls = nil
            self.signerInfos = signerInfos
        }

        private static let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        private static let crlsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let version = try Int(derEncoded: &nodes)
                let digestAlgorithms = try DER.set(of: AlgorithmIdentifier.self, identifier: .set, nodes: &nodes)
                let encapContentInfo = try EncapsulatedContentInfo(derEncoded: &nodes)
                var next = nodes.next()
                var certificates: [[UInt8]]?
                if let node = next, node.identifier == Self.certificatesTag {
                    guard case .constructed(let children) = node.content else {
                        throw ASN1Error.invalidASN1Object(reason: "certificates is not constructed")
                    }
                    certificates = children.map { Array($0.encodedBytes) }
                    next = nodes.next()
                }
                var crls: [ASN1Any]?
                if let node = next, node.identifier == Self.crlsTag {
                    guard case .constructed(let children) = node.content else {
                        throw ASN1Error.invalidASN1Object(reason: "crls is not constructed")
                    }
                    crls = children.map { ASN1Any(derEncoded: $0) }
                    next = nodes.next()
                }
                guard let signerNode = next else { throw ASN1Error.invalidASN1Object(reason: "SignedData has no signerInfos") }
                let signerInfos = try DER.set(of: SignerInfo.self, identifier: .set, rootNode: signerNode)
                var signedData = SignedData(
                    digestAlgorithms: digestAlgorithms, encapContentInfo: encapContentInfo, certificates: certificates,
                    signerInfos: signerInfos)
                signedData.version = version
                signedData.crls = crls
                return signedData
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                try coder.serializeSetOf(digestAlgorithms, identifier: .set)
                try coder.serialize(encapContentInfo)
                if let certificates {
                    // CertificateSet is a SET OF: DER orders the elements by their encodings.
                    coder.appendConstructedNode(identifier: Self.certificatesTag) { coder in
                        for certificate in certificates.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                            coder.serializeRawBytes(certificate)
                        }
                    }
                }
                if let crls { try coder.serializeSetOf(crls, identifier: Self.crlsTag) }
                try coder.serializeSetOf(signerInfos, identifier: .set)
            }
        }
    }
}
