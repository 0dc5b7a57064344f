import SealASN1
import SealCrypto
import SwiftASN1

/// Checks an SM2/ECDSA signature value from a seal or signature BIT STRING: DER SEQUENCE{r, s} as the standard
/// says (OpenSSL itself refuses non-canonical DER), or a 64-byte raw r‖s as some producers write (accepted and
/// reported as a deviation). The DER form is tried as it is first, so the common case costs one verification.
enum SignatureValue {
    /// Whether the value verifies over `message` under `key`, and a deviation when it did so as raw r‖s.
    static func verify(
        _ bitString: ASN1BitString, field: String, key: PublicKey, message: some Collection<UInt8>
    ) throws -> (valid: Bool, deviation: SESDeviation?) {
        guard bitString.paddingBits == 0 else {
            throw SESFormatError.invalidValue(field: field, reason: "the BIT STRING has \(bitString.paddingBits) unused bits")
        }
        let bytes = Array(bitString.bytes)
        let looksLikeDER = bytes.count >= 8 && bytes[0] == 0x30 && Int(bytes[1]) == bytes.count - 2
        if looksLikeDER, try key.isValidSignature(bytes, for: message) { return (true, nil) }
        if bytes.count == 64 {
            let der = try ECDSASignatureValue(rawConcatenated: bytes).derEncoded()
            if try key.isValidSignature(der, for: message) {
                return (true, SESDeviation(field: field, detail: "raw 64-byte r‖s instead of DER SEQUENCE{r, s} (converted to verify)"))
            }
            return (false, nil)
        }
        guard looksLikeDER else {
            throw SESFormatError.invalidValue(
                field: field, reason: "a \(bytes.count)-byte value is neither DER SEQUENCE{r, s} nor a 64-byte r‖s")
        }
        return (false, nil)
    }
}
