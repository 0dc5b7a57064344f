import Foundation
import SealRender

/// The process-wide cache of font file digests.
final class FontDigests: @unchecked Sendable {
    static let shared = FontDigests()
    private let lock = NSLock()
    private var digests: [FontRole: String] = [:]

    func value(_ role: FontRole) -> String? { lock.withLock { digests[role] } }
    func set(_ role: FontRole, _ digest: String) { lock.withLock { digests[role] = digest } }
}
