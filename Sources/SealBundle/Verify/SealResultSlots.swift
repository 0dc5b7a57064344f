import Foundation

/// Seal results written by index from several threads.
final class SealResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [BundleVerificationReport.SealResult?]
    private var done = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores a result; returns how many are stored.
    func set(_ index: Int, _ result: BundleVerificationReport.SealResult) -> Int {
        lock.withLock {
            slots[index] = result
            done += 1
            return done
        }
    }

    var values: [BundleVerificationReport.SealResult] { lock.withLock { slots.compactMap { $0 } } }
}
