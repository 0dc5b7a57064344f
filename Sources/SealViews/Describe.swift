public import SealASN1
import SealCrypto
import SwiftASN1

/// Short human descriptions shared by the views.
public enum Describe {
    /// The subject of a DER certificate, or a note that it cannot be read.
    public static func subject(ofCertificate der: [UInt8]) -> String {
        (try? Certificate(derEncoded: der).subject.description) ?? "unreadable certificate"
    }

    /// `OID (critical): N bytes`.
    public static func extensionData(_ data: ExtData) -> String {
        "\(data.extnID)\(data.critical ? " (critical)" : ""): \(data.extnValue.bytes.count) bytes"
    }

    /// SM3 of `bytes` in hex (empty if OpenSSL fails, which it does not for SM3).
    public static func sm3(_ bytes: [UInt8]) -> String {
        (try? Hex.encode(SM3.hash(bytes))) ?? ""
    }
}
