import Foundation
import SealCrypto

/// A client's bearer token for the filing service: `sft_` and 43 base64url characters (32 bytes from OpenSSL's
/// CSPRNG). Only its SHA-256 is stored (``FilingClientRecord/tokenSHA256``); the token is shown once, when made.
public struct ClientToken: Sendable, Equatable, CustomStringConvertible {
    /// The token's text, as the client sends it (`Authorization: Bearer sft_…`).
    public let text: String

    static let prefix = "sft_"

    /// A new random token.
    public static func generate() throws -> ClientToken {
        let bytes = try SecureRandom.bytes(count: 32)
        let encoded = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return ClientToken(text: prefix + encoded)
    }

    /// The token a client sent, if it has a token's form (anything else is refused without a database look-up).
    public init?(presented text: String) {
        guard text.hasPrefix(Self.prefix), text.utf8.count == Self.prefix.utf8.count + 43,
              text.utf8.dropFirst(Self.prefix.utf8.count).allSatisfy({ $0.isBase64URL })
        else { return nil }
        self.text = text
    }

    private init(text: String) { self.text = text }

    /// SHA-256 of the token's text, lower-case hex: what the store keeps.
    public func sha256() throws -> String {
        try DigestAlgorithm.sha256.hash(Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Never the token itself (it must not reach a log).
    public var description: String { "sft_…" }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (0x41...0x5a).contains(self) || (0x61...0x7a).contains(self) || (0x30...0x39).contains(self) || self == 0x2d || self == 0x5f
    }
}
