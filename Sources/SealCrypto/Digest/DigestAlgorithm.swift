internal import COpenSSL

/// The message digests SealStation uses.
public enum DigestAlgorithm: String, Sendable, Codable, CaseIterable {
    /// SM3 (GB/T 32905-2016), 32 bytes.
    case sm3
    /// SHA-256 (FIPS 180-4), 32 bytes.
    case sha256

    /// The digest of `message`.
    public func hash(_ message: some Collection<UInt8>) throws -> [UInt8] {
        var hasher = try Hasher(self)
        hasher.update(message)
        return try hasher.finalize()
    }

    /// The digest fetched once from the default provider (fetching per call is slow in OpenSSL 3).
    var fetched: FetchedDigest {
        switch self {
        case .sm3: return FetchedDigest.sm3
        case .sha256: return FetchedDigest.sha256
        }
    }

    /// An incremental hasher for large inputs.
    public struct Hasher: ~Copyable {
        private let context: OpaquePointer
        private var failed = false

        /// A fresh hasher for `algorithm`.
        public init(_ algorithm: DigestAlgorithm) throws {
            guard let context = EVP_MD_CTX_new() else { throw SealCryptoError.openSSLFailure("EVP_MD_CTX_new") }
            guard EVP_DigestInit_ex(context, algorithm.fetched.pointer, nil) == 1 else {
                EVP_MD_CTX_free(context)
                throw SealCryptoError.openSSLFailure("EVP_DigestInit_ex")
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Feeds more bytes.
        public mutating func update(_ bytes: some Collection<UInt8>) {
            let ok = bytes.withContiguousStorageIfAvailable { buffer in
                EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
            } ?? Array(bytes).withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            if ok != 1 { failed = true }
        }

        /// The digest of everything fed so far.
        public consuming func finalize() throws -> [UInt8] {
            guard !failed else { throw SealCryptoError.openSSLFailure("EVP_DigestUpdate") }
            var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            try check(EVP_DigestFinal_ex(context, &out, &length), "EVP_DigestFinal_ex")
            return Array(out.prefix(Int(length)))
        }
    }
}

/// SM3 (GB/T 32905-2016).
public enum SM3 {
    /// The 32-byte SM3 digest of `message`.
    public static func hash(_ message: some Collection<UInt8>) throws -> [UInt8] {
        try DigestAlgorithm.sm3.hash(message)
    }
}

/// An `EVP_MD` fetched once and kept for the life of the process.
final class FetchedDigest: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            fatalError("OpenSSL has no \(name) digest: \(OpenSSLErrorStack.drain())")  // the build links OpenSSL 3 with SM3
        }
        pointer = md
    }

    static let sm3 = FetchedDigest("SM3")
    static let sha256 = FetchedDigest("SHA256")
}
