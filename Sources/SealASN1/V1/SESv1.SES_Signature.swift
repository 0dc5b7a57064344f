public import SwiftASN1

extension SESv1 {
    // SES_Signature ::= SEQUENCE {
    //     toSign     TBS_Sign,     -- 待电子签章数据
    //     signature  BIT STRING    -- 电子签章中签名值
    // }                                                   GM/T 0031-2014 §6.2.1
    /// v1 电子签章数据. The signer signs the DER of `toSign` (kept as read).
    public struct SES_Signature: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public let toSign: TBS_Sign
        public let toSignBytes: ArraySlice<UInt8>
        public var signature: ASN1BitString

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_Signature (v1)") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    guard let toSignNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no toSign") }
                    return SES_Signature(
                        toSign: try TBS_Sign(derEncoded: toSignNode), toSignBytes: toSignNode.encodedBytes,
                        signature: try ASN1BitString(derEncoded: &nodes))
                }
            }
        }

        /// A signature over `toSignBytes` (the exact DER that was signed; parsed here to fill `toSign`).
        public init(toSignBytes: [UInt8], signature: [UInt8]) throws {
            self.toSign = try TBS_Sign(derEncoded: try parsing("TBS_Sign (v1)") { try DER.parse(toSignBytes) })
            self.toSignBytes = toSignBytes[...]
            self.signature = ASN1BitString(bytes: signature[...], paddingBits: 0)
        }

        private init(toSign: TBS_Sign, toSignBytes: ArraySlice<UInt8>, signature: ASN1BitString) {
            self.toSign = toSign
            self.toSignBytes = toSignBytes
            self.signature = signature
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                coder.serializeRawBytes(toSignBytes)
                try coder.serialize(signature)
            }
        }
    }
}
