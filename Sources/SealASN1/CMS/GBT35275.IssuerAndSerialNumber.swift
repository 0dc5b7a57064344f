public import SwiftASN1

extension GBT35275 {
    // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }   RFC 5652 §10.2.4
    /// The signer's certificate, named by its issuer's DER Name (as encoded in the certificate) and serial.
    public struct IssuerAndSerialNumber: DERSerializable, Hashable, Sendable {
        public var issuerNameDER: [UInt8]
        /// The serial number's content octets (big-endian two's complement, as in the certificate).
        public var serialNumber: [UInt8]

        public init(issuerNameDER: [UInt8], serialNumber: [UInt8]) {
            self.issuerNameDER = issuerNameDER
            self.serialNumber = serialNumber
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                coder.serializeRawBytes(issuerNameDER)
                try coder.serialize(ArraySlice(serialNumber))
            }
        }
    }
}
