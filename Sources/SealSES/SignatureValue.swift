import SealASN1
import SealCrypto
import SwiftASN1

/// Reads an SM2/ECDSA signature value out of a seal or signature BIT STRING: DER SEQUENCE{r, s} as the standard
/// says, or a 64-byte raw r‖s as some producers write (accepted and reported as a deviation).
enum SignatureValue {
    /// The DER signature, and a deviation when the stored form was raw r‖s.
    static func decode(_ bitString: ASN1BitString, field: String) throws -> (der: [UInt8], deviation: SESDeviation?) {
        guard bitString.paddingBits == 0 else {
            throw SESFormatError.invalidValue(field: field, reason: "the BIT STRING has \(bitString.paddingBits) unused bits")
        }
        let bytes = Array(bitString.bytes)
        if let value = try? ECDSASignatureValue(derEncoded: bytes), (try? value.derEncoded()) == bytes {
            return (bytes, nil)
        }
        if bytes.count == 64 {
            let der = try ECDSASignatureValue(rawConcatenated: bytes).derEncoded()
            return (der, SESDeviation(field: field, detail: "raw 64-byte r‖s instead of DER SEQUENCE{r, s} (converted to verify)"))
        }
        throw SESFormatError.invalidValue(
            field: field, reason: "a \(bytes.count)-byte value is neither DER SEQUENCE{r, s} nor a 64-byte r‖s")
    }
}
