internal import COpenSSL

/// scrypt (RFC 7914) through OpenSSL.
public enum Scrypt {
    /// Parameters: N (cost, a power of two), r, p.
    public struct Parameters: Sendable, Hashable, Codable {
        public var n: UInt64
        public var r: UInt64
        public var p: UInt64
        public init(n: UInt64, r: UInt64, p: UInt64) {
            self.n = n
            self.r = r
            self.p = p
        }
        /// N = 2^17, r = 8, p = 1 (about 128 MiB and a few hundred ms): for backup keys.
        public static let backup = Parameters(n: 1 << 17, r: 8, p: 1)
    }

    /// A `length`-byte key from `passphrase` and `salt`.
    public static func deriveKey(_ passphrase: SecretBytes, salt: [UInt8], parameters: Parameters, length: Int = 32) throws -> SecretBytes {
        var key = [UInt8](repeating: 0, count: length)
        let maxMemory = UInt64(parameters.n) * parameters.r * 128 * 2 + (1 << 20)
        let status = passphrase.withUnsafeBytes { pass in
            EVP_PBE_scrypt(pass.baseAddress?.assumingMemoryBound(to: CChar.self), pass.count, salt, salt.count,
                           parameters.n, parameters.r, parameters.p, maxMemory, &key, length)
        }
        try check(status, "EVP_PBE_scrypt")
        return SecretBytes(consuming: &key)
    }
}
