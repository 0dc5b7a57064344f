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

        /// The memory scrypt needs: 128·N·r bytes (its large vector V), in bytes.
        public var memoryBytes: UInt64 { n.multipliedReportingOverflow(by: r).partialValue &* 128 }
    }

    /// Upper bounds on parameters read from a file (a backup header, a key file), so that a hostile file cannot make
    /// the station allocate gigabytes or compute for hours before the passphrase is even checked.
    ///
    /// - N: a power of two, 2 … 2^20 (`maximumN`);
    /// - r: 1 … 32, p: 1 … 16;
    /// - memory 128·N·r at most `maximumMemory` (1 GiB for backups; 32 MiB for key files, OpenSSL's own limit when
    ///   it decrypts PKCS#8);
    /// - work N·r·p at most 2^24 (16 times the backup default N = 2^17, r = 8, p = 1: a few seconds).
    public struct Limits: Sendable, Hashable {
        public var maximumMemory: UInt64
        public static let maximumN: UInt64 = 1 << 20
        public static let maximumR: UInt64 = 32
        public static let maximumP: UInt64 = 16
        public static let maximumWork: UInt64 = 1 << 24

        public init(maximumMemory: UInt64) { self.maximumMemory = maximumMemory }

        /// For backup files: up to 1 GiB.
        public static let backup = Limits(maximumMemory: 1 << 30)
        /// For PKCS#8 key files: up to 32 MiB (what OpenSSL's PKCS#5 decryption allows).
        public static let keyFile = Limits(maximumMemory: 32 << 20)

        /// The first parameter out of range, in words, or nil when all are accepted.
        public func problem(n: UntrustedInteger, r: UntrustedInteger, p: UntrustedInteger) -> String? {
            guard let nValue = n.value(in: 2...Int(Self.maximumN)), nValue & (nValue - 1) == 0 else {
                return "scrypt cost N = \(n), but N must be a power of two from 2 to \(Self.maximumN) (2^20)"
            }
            guard let rValue = r.value(in: 1...Int(Self.maximumR)) else { return "scrypt block size r = \(r), but r must be 1…\(Self.maximumR)" }
            guard let pValue = p.value(in: 1...Int(Self.maximumP)) else { return "scrypt parallelism p = \(p), but p must be 1…\(Self.maximumP)" }
            let parameters = Parameters(n: UInt64(nValue), r: UInt64(rValue), p: UInt64(pValue))
            guard parameters.memoryBytes <= maximumMemory else {
                return "scrypt N = \(nValue), r = \(rValue) need \(parameters.memoryBytes >> 20) MiB; at most \(maximumMemory >> 20) MiB are accepted"
            }
            guard parameters.n * parameters.r * parameters.p <= Self.maximumWork else {
                return "scrypt N·r·p = \(parameters.n * parameters.r * parameters.p); at most \(Self.maximumWork) (2^24) is accepted"
            }
            return nil
        }

        /// Checks parameters given in code.
        public func problem(_ parameters: Parameters) -> String? {
            func integer(_ value: UInt64) -> UntrustedInteger { UntrustedInteger(Int(clamping: value)) }
            return problem(n: integer(parameters.n), r: integer(parameters.r), p: integer(parameters.p))
        }
    }

    /// A `length`-byte key from `passphrase` and `salt`.
    /// - Throws: `SealCryptoError.keyDerivationOutOfRange` for parameters past `limits`.
    public static func deriveKey(_ passphrase: SecretBytes, salt: [UInt8], parameters: Parameters, length: Int = 32,
                                 limits: Limits = .backup) throws -> SecretBytes {
        if let problem = limits.problem(parameters) { throw SealCryptoError.keyDerivationOutOfRange(problem) }
        var key = [UInt8](repeating: 0, count: length)
        let maxMemory = parameters.memoryBytes * 2 + (1 << 20)
        let status = passphrase.withUnsafeBytes { pass in
            EVP_PBE_scrypt(pass.baseAddress?.assumingMemoryBound(to: CChar.self), pass.count, salt, salt.count,
                           parameters.n, parameters.r, parameters.p, maxMemory, &key, length)
        }
        try check(status, "EVP_PBE_scrypt")
        return SecretBytes(consuming: &key)
    }
}
