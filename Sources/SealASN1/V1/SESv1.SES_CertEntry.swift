public import SwiftASN1

extension SESv1 {
    // certList SEQUENCE OF cert   -- "cert" is not defined by GM/T 0031-2014, which defines certID ::= IA5String.
    // Read as CHOICE { cert OCTET STRING, certID IA5String }; write OCTET STRING.    (ses-structures.md §1.1)
    /// One entry of a v1 seal's certificate list: a DER certificate (ofdrw and most producers) or an IA5String
    /// certificate identifier (the standard's `certID`, seen in a dms360 seal).
    public enum SES_CertEntry: DERParseable, DERSerializable, Hashable, Sendable {
        case cert(ASN1OctetString)
        case certID(ASN1IA5String)

        public init(derEncoded node: ASN1Node) throws {
            switch node.identifier {
            case .octetString: self = .cert(try ASN1OctetString(derEncoded: node))
            case .ia5String: self = .certID(try ASN1IA5String(derEncoded: node))
            default:
                throw SESFormatError.malformed(
                    structure: "SES_ESPropertyInfo.certList", reason: "entry is \(node.identifier), not OCTET STRING or IA5String")
            }
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            switch self {
            case .cert(let value): try coder.serialize(value)
            case .certID(let value): try coder.serialize(value)
            }
        }
    }
}
