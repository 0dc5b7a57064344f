import Foundation
import SealCrypto

/// Damaged and hostile inputs of the kinds a courier or an attacker can hand the station, built from real files.
enum HostileInputs {
    /// Iteration counts past the bound: just past it, at and past 2^31 and 2^32.
    static let iterationCounts = [KeyEncryption.maximumIterations + 1, Int(Int32.max), 1 << 31, 1 << 32 + 1]
}
