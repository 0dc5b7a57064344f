import Dispatch
import Foundation
import SealBundle
import SealCrypto
import SealPKI
import SealSES

/// What the online side re-checks in every filed seal before keeping it — the station checked it at application,
/// but a filing is kept on its own word only if it is consistent: the unit's 统一社会信用代码 passes GB 32100, it is
/// the code the holder certificate was issued for (subject OU), the esID begins with its registration region
/// (characters 3–8), and a holder's 公民身份号码 (which a personal seal must have) passes GB 11643.
enum FiledIdentityCheck {
    /// A seal that passed: its entry, identifiers normalised, and its holder certificate's serial number (read once
    /// for the CRL checks; the parsed certificate is not kept, so that a bundle's seals do not hold one each).
    struct Checked: Sendable {
        var entry: FilingBundle.SealEntry
        var holderSerial: [UInt8]
    }

    /// Every seal of `entries` checked, on all cores; the first problem (in the bundle's order) is thrown.
    static func checked(_ entries: [FilingBundle.SealEntry]) throws -> [Checked] {
        final class Slots: @unchecked Sendable {
            let lock = NSLock()
            var results: [Result<Checked, any Error>?]
            init(_ count: Int) { results = Array(repeating: nil, count: count) }
        }
        let slots = Slots(entries.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, entries.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: entries.count, by: workers) {
                let result = Result { try checked(entries[index]) }
                slots.lock.withLock { slots.results[index] = result }
            }
        }
        return try slots.results.map { try $0!.get() }
    }

    /// The filing of `entry` with its identifiers normalised (upper case), or the first problem found.
    static func checked(_ entry: FilingBundle.SealEntry) throws -> Checked {
        let esID = entry.filing.esID
        let code: UnifiedSocialCreditCode
        do {
            code = try UnifiedSocialCreditCode(entry.filing.creditCode)
        } catch let problem as IdentifierError {
            throw BundleImportError.invalidCreditCode(esID: esID, creditCode: entry.filing.creditCode, problem: problem)
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: entry.holderCertificate)
        } catch {
            throw BundleImportError.unreadableHolderCertificate(esID: esID, reason: "\(error)")
        }
        let certified = certificate.subject.value(of: "OU")
        guard certified?.uppercased() == code.value else {
            throw BundleImportError.creditCodeNotCertified(esID: esID, creditCode: code.value, certified: certified)
        }
        guard esID.hasPrefix(String(code.value.dropFirst(2).prefix(6))) else {
            throw BundleImportError.esIDNotOfUnit(esID: esID, creditCode: code.value)
        }
        var checked = entry
        checked.filing.creditCode = code.value
        // A personal seal names its holder; a post seal (a unit seal with a holder) may too: both numbers are checked.
        if entry.filing.kind == .personal && entry.filing.holderIDNumber == nil {
            throw BundleImportError.invalidHolderIDNumber(esID: esID, problem: "is missing")
        }
        if let number = entry.filing.holderIDNumber {
            do {
                checked.filing.holderIDNumber = try ResidentIdentityNumber(number).value
            } catch let problem as IdentifierError {
                throw BundleImportError.invalidHolderIDNumber(esID: esID, problem: "\"\(number)\" fails GB 11643 (\(problem))")
            }
        }
        return Checked(entry: checked, holderSerial: certificate.serialNumber)
    }
}
