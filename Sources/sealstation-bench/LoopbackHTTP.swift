import Foundation
import Glibc

/// A minimal HTTP/1.1 client for the console benchmark: one request per connection (`Connection: close`) to a loopback
/// port, the response read whole (Content-Length, chunked, or to the end of the stream). No redirects followed, no
/// cookies kept: the benchmark handles both itself, as a browser would.
struct LoopbackHTTP {
    /// One response.
    struct Response {
        let status: Int
        /// Header fields in order, names lowercased.
        let headers: [(name: String, value: String)]
        let body: String

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
        /// The value of cookie `name` set by this response.
        func setCookie(_ name: String) -> String? {
            for (field, value) in headers where field == "set-cookie" && value.hasPrefix(name + "=") {
                return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
            }
            return nil
        }
    }

    /// A socket call failed or the response could not be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let host: String
    let port: Int

    /// The `Host` header every request carries: the listen address.
    var authority: String { "\(host):\(port)" }

    func get(_ path: String, cookie: String? = nil) throws(Failure) -> Response {
        try send("GET", path, cookie: cookie, form: nil)
    }

    /// POSTs `fields` as application/x-www-form-urlencoded.
    func post(_ path: String, cookie: String?, form fields: [(String, String)]) throws(Failure) -> Response {
        try send("POST", path, cookie: cookie, form: fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    private func send(_ method: String, _ path: String, cookie: String?, form: String?) throws(Failure) -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\nUser-Agent: sealstation-bench\r\n"
        if let cookie { head += "Cookie: \(cookie)\r\n" }
        let body = Array((form ?? "").utf8)
        if form != nil { head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        let descriptor = try connect()
        defer { close(descriptor) }
        try write(descriptor, Array(head.utf8) + body)
        return try parse(readAll(descriptor))
    }

    private func connect() throws(Failure) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to \(authority): \(reason)")
        }
        return descriptor
    }

    private func write(_ descriptor: Int32, _ bytes: [UInt8]) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    private func readAll(_ descriptor: Int32) throws(Failure) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return data }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw Failure(description: "recv: \(String(cString: strerror(errno)))")
            }
            data += buffer[0..<count]
        }
    }

    private func parse(_ bytes: [UInt8]) throws(Failure) -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "no complete response head in \(bytes.count) bytes")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line: \(lines[0])") }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(bytes[(end + 4)...])
        if let length = headers.first(where: { $0.name == "content-length" }).flatMap({ Int($0.value) }) {
            body = Array(body.prefix(length))
        } else if headers.contains(where: { $0.name == "transfer-encoding" && $0.value.lowercased().contains("chunked") }) {
            body = try Self.dechunk(body)
        }
        return Response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))
    }

    private static func dechunk(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else { break }
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw Failure(description: "bad chunk size \(sizeText)")
            }
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { throw Failure(description: "truncated chunk") }
            output += bytes[start..<start + size]
            index = start + size + 2
        }
        return output
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
