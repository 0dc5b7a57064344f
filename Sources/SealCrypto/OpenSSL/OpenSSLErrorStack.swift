internal import COpenSSL

/// The OpenSSL error queue of the current thread, drained at the point of failure.
public struct OpenSSLErrorStack: Equatable, Sendable, CustomStringConvertible {
    /// One line per queued error, as OpenSSL's `ERR_error_string_n` prints it.
    public let entries: [String]

    /// Drains the calling thread's error queue.
    static func drain() -> OpenSSLErrorStack {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            entries.append(String(decoding: bytes, as: UTF8.self))
        }
        return OpenSSLErrorStack(entries: entries)
    }

    public var description: String {
        entries.isEmpty ? "(no OpenSSL error queued)" : entries.joined(separator: "; ")
    }
}

extension SealCryptoError {
    /// An `.openSSL` error for `operation` carrying the drained error queue.
    static func openSSLFailure(_ operation: String) -> SealCryptoError {
        .openSSL(operation: operation, errors: .drain())
    }
}

/// Throws `.openSSL` unless an OpenSSL call returned 1 (its success value).
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws {
    guard result == 1 else { throw SealCryptoError.openSSLFailure(operation()) }
}

extension OpenSSLErrorStack {
    /// Drains the queue and returns `words`, followed in debug mode by the queue's text in brackets
    /// (see ``ParseProblem/showsLibraryDetail``).
    static func refusal(_ words: String) -> String {
        let errors = drain()
        return ParseProblem.showsLibraryDetail ? "\(words) [OpenSSL: \(errors)]" : words
    }
}
