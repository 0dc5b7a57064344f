internal import COpenSSL

/// Officer passphrase hashes: PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as
/// `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`, compared in constant time.
public enum PasswordHash {
    /// The iteration count new hashes use (at least 200,000).
    public static let defaultIterations = 310_000

    /// A new hash of `passphrase`.
    public static func make(_ passphrase: SecretBytes, iterations: Int = defaultIterations) throws -> String {
        guard iterations >= KeyEncryption.minimumIterations else {
            throw SealCryptoError.keyDerivationTooWeak(iterations: iterations, minimum: KeyEncryption.minimumIterations)
        }
        let salt = try SecureRandom.bytes(count: 16)
        let hash = try derive(passphrase, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Hex.encode(salt))$\(Hex.encode(hash))"
    }

    /// Whether `passphrase` matches `stored`; false for a malformed stored value, or one asking for an iteration count
    /// outside 1…`KeyEncryption.maximumIterations`.
    public static func verify(_ passphrase: SecretBytes, against stored: String) throws -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]),
              (1...KeyEncryption.maximumIterations).contains(iterations),
              let salt = Hex.decode(String(parts[2])), let expected = Hex.decode(String(parts[3]))
        else { return false }
        let actual = try derive(passphrase, salt: salt, iterations: iterations)
        return actual.count == expected.count && CRYPTO_memcmp(actual, expected, actual.count) == 0
    }

    private static func derive(_ passphrase: SecretBytes, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        guard passphrase.count <= Int(Int32.max), salt.count <= Int(Int32.max), (1...Int(Int32.max)).contains(iterations) else {
            throw SealCryptoError.inputTooLarge(what: "the passphrase, salt or iteration count", bytes: max(passphrase.count, salt.count, iterations),
                                                limit: Int(Int32.max))
        }
        var out = [UInt8](repeating: 0, count: 32)
        let status = passphrase.withUnsafeBytes { pass in
            PKCS5_PBKDF2_HMAC(
                pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count), salt, Int32(salt.count),
                Int32(iterations), FetchedDigest.sha256.pointer, Int32(out.count), &out)
        }
        try check(status, "PKCS5_PBKDF2_HMAC")
        return out
    }
}
