import Foundation

/// A TCP port free on 127.0.0.1 right now: the kernel picks one for a socket bound to port 0, and the socket is closed
/// again, so the console can be told to listen on that port explicitly (its Host check needs the port in advance).
enum LoopbackPort {
    /// Why no port could be had: the socket call that failed and its errno.
    struct Unavailable: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed on 127.0.0.1: \(String(cString: strerror(code)))" }
    }

    /// A port no socket is bound to on 127.0.0.1.
    static func free() throws(Unavailable) -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Unavailable(call: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Unavailable(call: "bind", code: errno) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw Unavailable(call: "getsockname", code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
