import Foundation
import Hummingbird
import SealFiling
import Synchronization

/// A call to the filing store that gives up after a time: while the database cannot be reached, its connection pool
/// would keep a request waiting; the client gets 503 instead, and nothing was stored (an import cut off this way is
/// cancelled, and rolled back with its connection). The answer does not wait for the abandoned call to wind down.
enum StoreCall {
    static func run<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let race = Race(continuation)
                let timer = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    if race.finish(.failure(APIError.unavailable("the filing database did not answer within \(timeout); nothing was stored — try again"))) {
                        race.cancelWork()
                    }
                }
                race.setWork(Task {
                    do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
                    timer.cancel()
                })
            }
        } catch FilingStoreError.unavailable(let reason) {
            throw APIError.unavailable("the filing database is unavailable (\(reason)); nothing was stored — try again")
        } catch let error as FilingStoreError {
            throw APIError(.internalServerError, "database", "\(error)")
        }
    }

    /// The continuation, resumed by whichever of the call and the timer finishes first.
    private final class Race<T: Sendable>: Sendable {
        private let continuation: Mutex<CheckedContinuation<T, any Error>?>
        private let work = Mutex<Task<Void, Never>?>(nil)

        func setWork(_ task: Task<Void, Never>) { work.withLock { $0 = task } }

        func cancelWork() { work.withLock { $0?.cancel() } }

        init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = Mutex(continuation) }

        /// Resumes with `result` if nothing did before; returns whether this call did.
        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            guard let continuation = continuation.withLock({ current in
                defer { current = nil }
                return current
            }) else { return false }
            continuation.resume(with: result)
            return true
        }
    }
}
