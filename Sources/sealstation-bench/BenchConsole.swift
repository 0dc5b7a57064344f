import Dispatch
import Foundation
import Hummingbird
import SealConsole
import SealStation

/// The officers' console of a bench station served in this process over TCP on a free 127.0.0.1 port (the same
/// router, Host check and headers as `sealstation serve`), started from the synchronous benchmark command.
/// The server runs until the process exits.
final class BenchConsole: @unchecked Sendable {
    let listen: ListenAddress
    private let lock = NSLock()
    private let started = DispatchSemaphore(value: 0)
    private var failure: (any Error)?

    /// Starts the console of `station` with the assets in `assets` and returns once it is listening.
    init(station: Station, assets: URL) throws {
        listen = try ListenAddress(parsing: "127.0.0.1:\(try Self.freePort())")
        let listen = listen
        Task { [self] in
            do {
                let console = try await ConsoleApplication(station: station, listen: listen, assets: assets)
                let application = Application(
                    router: console.router(),
                    configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
                    onServerRunning: { _ in self.started.signal() })
                try await application.runService(gracefulShutdownSignals: [])
            } catch {
                lock.withLock { failure = error }
                started.signal()
            }
        }
        started.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    /// A port no socket is bound to on 127.0.0.1 right now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError.measurementFailed("socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        guard bound == 0, named == 0 else { throw BenchError.measurementFailed("no free port on 127.0.0.1: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
