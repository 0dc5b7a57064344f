public import SwiftASN1

extension SESv1 {
    // SESeal ::= SEQUENCE {
    //     esealInfo  SES_SealInfo,   -- 印章信息
    //     signInfo   SES_SignInfo    -- 制章人对印章签名的信息
    // }                                                   GM/T 0031-2014 §6.1.1
    /// v1 电子印章数据. The maker signs the DER of SEQUENCE { esealInfo, cert, signatureAlgorithm } built from the
    /// TLVs as stored (§6.1.1.2; proven on files, ses-structures.md §2).
    public struct SESeal: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public let esealInfo: SES_SealInfo
        /// The DER of `esealInfo` exactly as read.
        public let esealInfoBytes: ArraySlice<UInt8>
        public var signInfo: SES_SignInfo

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SESeal (v1)") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    guard let infoNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no esealInfo") }
                    return SESeal(
                        esealInfo: try SES_SealInfo(derEncoded: infoNode), esealInfoBytes: infoNode.encodedBytes,
                        signInfo: try SES_SignInfo(derEncoded: &nodes))
                }
            }
        }

        private init(esealInfo: SES_SealInfo, esealInfoBytes: ArraySlice<UInt8>, signInfo: SES_SignInfo) {
            self.esealInfo = esealInfo
            self.esealInfoBytes = esealInfoBytes
            self.signInfo = signInfo
        }

        /// The message the maker signed: DER SEQUENCE { esealInfo (as read), cert, signatureAlgorithm }.
        public func signedMessage() throws -> [UInt8] {
            var coder = DER.Serializer()
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                coder.serializeRawBytes(esealInfoBytes)
                try coder.serialize(signInfo.cert)
                try coder.serialize(signInfo.signatureAlgorithm)
            }
            return coder.serializedBytes
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                coder.serializeRawBytes(esealInfoBytes)
                try coder.serialize(signInfo)
            }
        }
    }
}
