import Dispatch

/// Runs the station's synchronous registry calls on a Dispatch queue of their own, so that no request blocks the
/// Swift concurrency threads while SQLite or the passphrase hash works. What the station throws comes back as a
/// ``StationRefusal``, which the error page shows with its sentence.
struct RegistryWork: Sendable {
    private let queue = DispatchQueue(label: "sealconsole.registry", qos: .userInitiated, attributes: .concurrent)

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() }.mapError { error in
                    error is StationRefusal || error is ConsoleRefusal ? error : StationRefusal(underlying: error)
                })
            }
        }
    }
}
