import Foundation
import NIOCore
import NIOPosix

/// A demo step's server on a loopback port, visited once it listens and then stopped.
///
/// The port is chosen free and bound a moment later; another program may take it in between. Then the bind fails
/// with "address in use" and another port is chosen (up to five times). The visit starts only after the server says
/// it is listening, so it can never talk to somebody else's server on that port.
enum DemoServer {
    /// What the server task reports: listening, or ended with an error before that.
    private enum Event: Sendable {
        case listening
        case failed(any Error)
    }

    /// Runs `serve(port, listening)` on a free port until it calls `listening`, then `visit(port)`, then cancels
    /// the server and returns the port and the visit's result.
    static func run<Value: Sendable>(
        step: String,
        serve: @escaping @Sendable (_ port: Int, _ listening: @escaping @Sendable () -> Void) async throws -> Void,
        visit: @escaping @Sendable (_ port: Int) async throws -> Value
    ) async throws -> (port: Int, value: Value) {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = try freeLoopbackPort(step: step)
            let (events, continuation) = AsyncStream<Event>.makeStream()
            let server = Task {
                do {
                    try await serve(port) { continuation.yield(.listening) }
                    continuation.yield(.failed(CLIError.demoStepFailed(step: step, detail: "the server on port \(port) ended before it listened")))
                } catch {
                    continuation.yield(.failed(error))
                }
            }
            defer { server.cancel() }
            var iterator = events.makeAsyncIterator()
            switch await iterator.next() {
            case .listening:
                return (port, try await visit(port))
            case .failed(let error) where isAddressInUse(error):
                lastError = error
                continue
            case .failed(let error):
                throw error
            case nil:
                throw CLIError.demoStepFailed(step: step, detail: "the server on port \(port) never said whether it listens")
            }
        }
        throw CLIError.demoStepFailed(step: step, detail: "five free loopback ports were each taken before the server bound them: \(lastError.map { "\($0)" } ?? "")")
    }

    /// A port on 127.0.0.1 nothing listens on now: bound once with port 0 and released.
    static func freeLoopbackPort(step: String) throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        guard let port = channel.localAddress?.port else { throw CLIError.demoStepFailed(step: step, detail: "no free loopback port") }
        return port
    }

    private static func isAddressInUse(_ error: any Error) -> Bool {
        if let error = error as? IOError { return error.errnoCode == EADDRINUSE }
        return "\(error)".contains("Address already in use")
    }
}
