public import SwiftASN1

extension SESv4 {
    // SES_CertList ::= CHOICE {
    //     certs           CertInfoList,     -- certListType 1: SEQUENCE OF Cert (Cert ::= OCTET STRING, DER X.509)
    //     certDigestList  CertDigestList    -- certListType 2: SEQUENCE OF CertDigestObj
    // }                                                   GB/T 38540-2020
    /// 签章者证书信息列表. Both alternatives are a SEQUENCE, so the CHOICE cannot be told from the tag: it is decoded
    /// by the preceding `certListType`, as ofdrw does.
    public enum SES_CertList: Hashable, Sendable {
        /// The holders' certificates (DER X.509 in OCTET STRINGs).
        case certs([ASN1OctetString])
        /// Digests of the holders' certificates.
        case certDigestList([CertDigestObj])

        /// The certListType value that announces this alternative.
        public var certListType: Int {
            switch self {
            case .certs: return 1
            case .certDigestList: return 2
            }
        }

        /// Decodes `node` as the alternative `certListType` announces.
        public init(derEncoded node: ASN1Node, certListType: Int) throws {
            switch certListType {
            case 1:
                self = .certs(try parsing("SES_CertList.certs") {
                    try DER.sequence(of: ASN1OctetString.self, identifier: .sequence, rootNode: node)
                })
            case 2:
                self = .certDigestList(try parsing("SES_CertList.certDigestList") {
                    try DER.sequence(of: CertDigestObj.self, identifier: .sequence, rootNode: node)
                })
            default:
                throw SESFormatError.unknownCertListType(certListType)
            }
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            switch self {
            case .certs(let certificates): try coder.serializeSequenceOf(certificates)
            case .certDigestList(let digests): try coder.serializeSequenceOf(digests)
            }
        }
    }
}
