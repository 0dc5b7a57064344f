internal import COpenSSL

/// An owned OpenSSL memory BIO, freed in `deinit`.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws {
        guard let bio = BIO_new(BIO_s_mem()) else { throw SealCryptoError.openSSLFailure("BIO_new") }
        pointer = bio
    }

    deinit { BIO_free(pointer) }

    /// Everything written to the BIO so far.
    func readAll() throws -> [UInt8] {
        let pending = Int(BIO_ctrl_pending(pointer))
        guard pending > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: pending)
        let read = out.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32(pending)) }
        guard read == Int32(pending) else { throw SealCryptoError.openSSLFailure("BIO_read") }
        return out
    }
}

/// Runs `body` with a read-only memory BIO over `bytes`; the BIO does not outlive the call.
func withReadOnlyMemoryBIO<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> T) throws -> T {
    try bytes.withUnsafeBytes { raw in
        guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
            throw SealCryptoError.openSSLFailure("BIO_new_mem_buf")
        }
        defer { BIO_free(bio) }
        return try body(bio)
    }
}

/// Calls an OpenSSL `i2d_*` function and returns its DER output.
func derEncode(_ operation: String, _ i2d: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32) throws -> [UInt8] {
    var out: UnsafeMutablePointer<UInt8>? = nil
    let length = i2d(&out)
    guard length > 0, let buffer = out else { throw SealCryptoError.openSSLFailure(operation) }
    defer { COpenSSL_free(buffer) }
    return Array(UnsafeBufferPointer(start: buffer, count: Int(length)))
}

/// Calls an OpenSSL `d2i_*` function over `bytes`. Callers have already checked with swift-asn1 that `bytes` is
/// exactly one DER structure, so OpenSSL reads the same bytes the Swift side saw.
func derDecode(
    _ bytes: [UInt8], _ d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?
) -> OpaquePointer? {
    bytes.withUnsafeBytes { derDecode($0, d2i) }
}

/// `derDecode` over a raw buffer (for secret bytes that never become an array).
func derDecode(
    _ raw: UnsafeRawBufferPointer, _ d2i: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?
) -> OpaquePointer? {
    var cursor: UnsafePointer<UInt8>? = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
    return d2i(&cursor, raw.count)
}
