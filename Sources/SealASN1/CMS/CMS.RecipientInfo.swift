public import SwiftASN1

extension CMS {
    // RecipientInfo ::= CHOICE {
    //     ktri  KeyTransRecipientInfo,
    //     kari  [1] KeyAgreeRecipientInfo,
    //     kekri [2] KEKRecipientInfo,
    //     pwri  [3] PasswordRecipientinfo,
    //     ori   [4] OtherRecipientInfo }                                              RFC 5652 §6.2
    /// One recipient of an EnvelopedData: key transport is read; the other kinds are kept as read, to be refused by name.
    public enum RecipientInfo: DERParseable, DERSerializable, Hashable, Sendable {
        case keyTransport(KeyTransRecipientInfo)
        /// kari, kekri, pwri or ori: the tag number and the DER.
        case other(tagNumber: UInt, der: [UInt8])

        public init(derEncoded rootNode: ASN1Node) throws {
            if rootNode.identifier == .sequence {
                self = .keyTransport(try KeyTransRecipientInfo(derEncoded: rootNode))
            } else if rootNode.identifier.tagClass == .contextSpecific, (1...4).contains(rootNode.identifier.tagNumber) {
                self = .other(tagNumber: rootNode.identifier.tagNumber, der: Array(rootNode.encodedBytes))
            } else {
                throw ASN1Error.unexpectedFieldType(rootNode.identifier)
            }
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            switch self {
            case .keyTransport(let info): try coder.serialize(info)
            case .other(_, let der): coder.serializeRawBytes(der)
            }
        }

        /// The RFC's name of the recipient kind ("ktri", "kari"…), for messages.
        public var kindName: String {
            switch self {
            case .keyTransport: return "ktri (key transport)"
            case .other(let tag, _): return ["", "kari (key agreement)", "kekri (pre-shared key)", "pwri (password)", "ori (other)"][Int(tag)]
            }
        }
    }
}
