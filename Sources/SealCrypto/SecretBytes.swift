internal import COpenSSL

/// Secret bytes (a passphrase, a PIN, an unencrypted key) in one heap buffer that is zeroed with
/// `OPENSSL_cleanse` and freed when the last reference goes away. Never copied into a Swift `Array` by this type.
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer

    /// Takes the bytes of `bytes` and zeroes the caller's array.
    public init(consuming bytes: inout [UInt8]) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        bytes.withUnsafeMutableBytes { source in
            if let base = source.baseAddress, source.count > 0 {
                storage.baseAddress!.copyMemory(from: base, byteCount: source.count)
                OPENSSL_cleanse(base, source.count)
            }
        }
        buffer = storage
        count = bytes.count
        bytes.removeAll()
    }

    /// Copies a UTF-8 string (the string itself cannot be zeroed; prefer `init(consuming:)`).
    public convenience init(utf8 string: String) {
        var bytes = Array(string.utf8)
        self.init(consuming: &bytes)
    }

    /// Copies `count` bytes from a C buffer (used by the wrappers for key material OpenSSL hands back).
    init(copying pointer: UnsafeRawPointer, count: Int) {
        buffer = .allocate(byteCount: max(count, 1), alignment: 1)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        if count > 0 { buffer.baseAddress!.copyMemory(from: pointer, byteCount: count) }
        self.count = count
    }

    deinit {
        OPENSSL_cleanse(buffer.baseAddress, buffer.count)
        buffer.deallocate()
    }

    /// The number of secret bytes.
    public let count: Int

    /// Whether there are no bytes.
    public var isEmpty: Bool { count == 0 }

    /// Scoped read access to the bytes; do not let the pointer escape.
    public func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
    }

    /// Constant-time comparison with other secret bytes.
    public func isEqual(to other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { a in
            other.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, count) == 0 }
        }
    }
}
