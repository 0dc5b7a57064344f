import Foundation
import Hummingbird
import SealConsole
import SealResources
import SealStation

/// The console served for real over TCP on a free loopback port, as `sealstation serve` serves it (the same router,
/// Host check and headers), for a real browser in a test. `stop()` ends it.
final class LiveConsole: Sendable {
    /// The address served; requests must name it in `Host`.
    let listen: ListenAddress
    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://\(listen.host):\(listen.port)" }
    private let server: Task<Void, any Error>

    /// The server did not start listening (the port was taken meanwhile, or the server failed).
    struct NotStarted: Error, CustomStringConvertible {
        let address: String
        var description: String { "the console did not start listening on \(address)" }
    }

    private init(listen: ListenAddress, server: Task<Void, any Error>) {
        self.listen = listen
        self.server = server
    }

    /// Starts the console of `station` on a free 127.0.0.1 port and returns once it is listening.
    static func start(station: Station) async throws -> LiveConsole {
        let listen = try ListenAddress(parsing: "127.0.0.1:\(try LoopbackPort.free())")
        let console = try await ConsoleApplication(station: station, listen: listen, assets: DataResolver.current.console())
        let (running, signal) = AsyncStream<Void>.makeStream()
        let application = Application(
            router: console.router(),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { _ in
                signal.yield()
                signal.finish()
            })
        let server = Task {
            defer { signal.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }
        var started = false
        for await _ in running {
            started = true
            break
        }
        guard started else {
            try await server.value
            throw NotStarted(address: "\(listen.host):\(listen.port)")
        }
        return LiveConsole(listen: listen, server: server)
    }

    /// Stops the server and waits until it has closed its socket.
    func stop() async {
        server.cancel()
        _ = await server.result
    }
}
