public import SwiftASN1

extension CMS {
    // SignerIdentifier ::= CHOICE {
    //     issuerAndSerialNumber IssuerAndSerialNumber,
    //     subjectKeyIdentifier  [0] SubjectKeyIdentifier }
    // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }   RFC 5652 §5.3, §10.2.4
    /// How a SignerInfo names its signer's certificate.
    public enum SignerIdentifier: DERParseable, DERSerializable, Hashable, Sendable {
        /// The issuer's Name as DER (exactly as the certificate encodes it) and the serial number's content octets.
        case issuerAndSerialNumber(issuer: [UInt8], serialNumber: [UInt8])
        /// The certificate's subjectKeyIdentifier.
        case subjectKeyIdentifier([UInt8])

        public init(derEncoded rootNode: ASN1Node) throws {
            switch rootNode.identifier {
            case .sequence:
                self = try DER.sequence(rootNode, identifier: .sequence) { nodes in
                    guard let issuer = nodes.next(), issuer.identifier == .sequence else {
                        throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber has no issuer Name")
                    }
                    let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
                    return .issuerAndSerialNumber(issuer: Array(issuer.encodedBytes), serialNumber: Array(serial))
                }
            case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific):
                let identifier = try ASN1OctetString(derEncoded: rootNode, withIdentifier: rootNode.identifier)
                self = .subjectKeyIdentifier(Array(identifier.bytes))
            default:
                throw ASN1Error.unexpectedFieldType(rootNode.identifier)
            }
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            switch self {
            case .issuerAndSerialNumber(let issuer, let serialNumber):
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    coder.serializeRawBytes(issuer)
                    try coder.serialize(ArraySlice(serialNumber))
                }
            case .subjectKeyIdentifier(let identifier):
                try ASN1OctetString(contentBytes: identifier[...])
                    .serialize(into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            }
        }
    }
}
