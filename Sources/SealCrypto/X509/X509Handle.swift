internal import COpenSSL

/// Owns one OpenSSL `X509`, freed in `deinit`.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(takingOwnershipOf pointer: OpaquePointer) { self.pointer = pointer }
    deinit { X509_free(pointer) }
}
