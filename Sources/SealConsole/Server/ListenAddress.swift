import Foundation

/// The address `sealstation serve --listen` binds: a loopback host (127.0.0.0/8, ::1, or `localhost` when it resolves
/// to loopback only) and a port. Any other address is refused before anything listens.
public struct ListenAddress: Sendable, Equatable {
    /// The address bound (`127.0.0.1`, `::1`, …; `localhost` is bound as 127.0.0.1).
    public let host: String
    /// The TCP port, 1–65535.
    public let port: Int
    /// The `Host` header values a request may carry (host:port; `localhost:port` too when bound to 127.0.0.1).
    public let acceptedHosts: Set<String>

    /// The default, `127.0.0.1:8600`.
    public static let standard = ListenAddress(checkedHost: "127.0.0.1", port: 8600)

    private init(checkedHost host: String, port: Int) {
        self.host = host
        self.port = port
        if host.contains(":") {
            acceptedHosts = ["[\(host)]:\(port)"]
        } else if host == "127.0.0.1" {
            acceptedHosts = ["127.0.0.1:\(port)", "localhost:\(port)"]
        } else {
            acceptedHosts = ["\(host):\(port)"]
        }
    }

    /// Parses `text` (`HOST:PORT`, `[::1]:PORT`) and refuses every address that is not loopback.
    /// - Throws: `ListenAddressError`.
    public init(parsing text: String) throws(ListenAddressError) {
        let host: String
        let portText: String
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .malformed(text) }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .malformed(text) }
            portText = String(rest.dropFirst())
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw .malformed(text) }
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        guard !host.isEmpty, !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(portText)
        else { throw .malformed(text) }
        guard (1...65535).contains(port) else { throw .portOutOfRange(text) }
        if host.lowercased() == "localhost" {
            let resolved = Self.resolve(host)
            guard !resolved.isEmpty, resolved.allSatisfy(Self.isLoopbackLiteral) else {
                throw .notLoopback(address: text, resolved: resolved)
            }
            self.init(checkedHost: "127.0.0.1", port: port)
            return
        }
        guard Self.isIPLiteral(host) else { throw .notLoopback(address: text, resolved: []) }
        guard Self.isLoopbackLiteral(host) else { throw .notLoopback(address: text, resolved: []) }
        self.init(checkedHost: host, port: port)
    }

    /// True for 127.0.0.0/8 (dotted quad) and `::1`.
    static func isLoopbackLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Every address `name` resolves to, as text.
    static func resolve(_ name: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var found: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = current.pointee.ai_addr,
               getnameinfo(address, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                found.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            entry = current.pointee.ai_next
        }
        return found
    }
}
