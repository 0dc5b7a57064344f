public import SwiftASN1

extension SESv4 {
    // SESeal ::= SEQUENCE {
    //     eSealInfo    SES_SealInfo,        -- 印章信息
    //     cert         OCTET STRING,        -- 制章者证书 (DER X.509)
    //     signAlgID    OBJECT IDENTIFIER,   -- 签名算法标识, 1.2.156.10197.1.501
    //     signedValue  BIT STRING,          -- 制章者对 eSealInfo 的签名值
    //     timeStamp    [0] BIT STRING OPTIONAL   -- GM/T 0031-2025 (v5) only; read, never written
    // }                                                   GB/T 38540-2020
    /// 电子印章数据. The maker signs the DER of `eSealInfo` alone; `eSealInfoBytes` are those bytes exactly as read
    /// (or as made), so verification never depends on re-encoding.
    public struct SESeal: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public let eSealInfo: SES_SealInfo
        /// The DER of `eSealInfo` as read or made: the message the maker's signature covers.
        public let eSealInfoBytes: ArraySlice<UInt8>
        public var cert: ASN1OctetString
        public var signAlgID: ASN1ObjectIdentifier
        public var signedValue: ASN1BitString
        /// The v5 time-stamp over signedValue ([0] EXPLICIT), when present.
        public var timeStamp: ASN1BitString?

        /// A seal over `eSealInfoBytes` (the exact DER that was signed; parsed here to fill `eSealInfo`).
        public init(eSealInfoBytes: [UInt8], cert: [UInt8], signAlgID: ASN1ObjectIdentifier, signedValue: [UInt8]) throws {
            self.eSealInfo = try SES_SealInfo(derEncoded: try parsing("SES_SealInfo") { try DER.parse(eSealInfoBytes) })
            self.eSealInfoBytes = eSealInfoBytes[...]
            self.cert = ASN1OctetString(contentBytes: cert[...])
            self.signAlgID = signAlgID
            self.signedValue = ASN1BitString(bytes: signedValue[...], paddingBits: 0)
            self.timeStamp = nil
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SESeal") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    guard let infoNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no eSealInfo") }
                    let info = try SES_SealInfo(derEncoded: infoNode)
                    let cert = try ASN1OctetString(derEncoded: &nodes)
                    let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    let value = try ASN1BitString(derEncoded: &nodes)
                    let timeStamp = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                        try ASN1BitString(derEncoded: $0)
                    }
                    return SESeal(
                        eSealInfo: info, eSealInfoBytes: infoNode.encodedBytes, cert: cert, signAlgID: algorithm,
                        signedValue: value, timeStamp: timeStamp)
                }
            }
        }

        private init(
            eSealInfo: SES_SealInfo, eSealInfoBytes: ArraySlice<UInt8>, cert: ASN1OctetString,
            signAlgID: ASN1ObjectIdentifier, signedValue: ASN1BitString, timeStamp: ASN1BitString?
        ) {
            self.eSealInfo = eSealInfo
            self.eSealInfoBytes = eSealInfoBytes
            self.cert = cert
            self.signAlgID = signAlgID
            self.signedValue = signedValue
            self.timeStamp = timeStamp
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                coder.serializeRawBytes(eSealInfoBytes)
                try coder.serialize(cert)
                try coder.serialize(signAlgID)
                try coder.serialize(signedValue)
                if let timeStamp {
                    try coder.serialize(timeStamp, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
                }
            }
        }
    }
}
