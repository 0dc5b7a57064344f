import Foundation
import Hummingbird
import SealFiling

/// A call to the filing store that gives up after a time: while the database cannot be reached, its connection pool
/// would keep a request waiting; the client gets 503 instead, and nothing was stored (an import cut off this way is
/// rolled back with its connection).
enum StoreCall {
    static func run<T: Sendable>(timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw APIError.unavailable("the filing database did not answer within \(timeout); nothing was stored — try again")
                }
                return value
            }
        } catch FilingStoreError.unavailable(let reason) {
            throw APIError.unavailable("the filing database is unavailable (\(reason)); nothing was stored — try again")
        } catch let error as FilingStoreError {
            throw APIError(.internalServerError, "database", "\(error)")
        }
    }
}
