internal import COpenSSL

/// A hasher that keeps one OpenSSL digest context across many messages (for hashing millions of short records,
/// where creating a context per message would cost more than the hashing). Not thread-safe.
public final class ReusableHasher {
    private let context: OpaquePointer
    private let digest: OpaquePointer
    private var failed = false

    public init(_ algorithm: DigestAlgorithm) throws {
        guard let context = EVP_MD_CTX_new() else { throw SealCryptoError.openSSLFailure("EVP_MD_CTX_new") }
        self.context = context
        self.digest = algorithm.fetched.pointer
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Starts a new message.
    public func begin() {
        failed = EVP_DigestInit_ex(context, digest, nil) != 1
    }

    /// Feeds bytes of the current message.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) != 1 { failed = true }
    }

    /// Feeds bytes of the current message.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of the current message, written into `output` (resized to the digest's length).
    public func finish(into output: inout [UInt8]) throws {
        guard !failed else { throw SealCryptoError.openSSLFailure("EVP_DigestUpdate") }
        if output.count < Int(EVP_MAX_MD_SIZE) { output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE)) }
        var length: UInt32 = 0
        try check(EVP_DigestFinal_ex(context, &output, &length), "EVP_DigestFinal_ex")
        output.removeLast(output.count - Int(length))
    }

    /// The digest of the current message.
    public func finish() throws -> [UInt8] {
        guard !failed else { throw SealCryptoError.openSSLFailure("EVP_DigestUpdate") }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        try check(EVP_DigestFinal_ex(context, &out, &length), "EVP_DigestFinal_ex")
        out.removeLast(out.count - Int(length))
        return out
    }
}
