// libFuzzer harness: the backup file's header and the share lines, as `restore` reads them: each share file's text
// through `BackupShare(text:)`, then `StationBackup.keySource(of:)` and `StationBackup.restore(_:unlock:into:
// verifyOnly: true)` (header, key source, AEAD, payload, signed manifest, every file's path, size and SM3).
//
// Input layout: share lines (one share a line, each a share file's text), an empty line, then the backup file; an
// input without an empty line is a backup file alone, opened with the fixed passphrase. Cost bound of the harness,
// not of the station: the passphrase is tried only when the header's scrypt cost N·r·p is at most
// `Fixed.harnessScryptCost` (station backups use N = 2^17, r = 8); every input still goes through the header parsing,
// and the station's scrypt bounds are checked by the unit tests.
import FuzzSupport
import Foundation
import SealCrypto
@testable import SealStation

enum Fixed {
    static let passphrase = SecretBytes(utf8: "fuzz-passphrase")
    static let harnessScryptCost = 1 << 14
    /// Never created: `verifyOnly` writes nothing.
    static let destination = Fuzz.scratch.appendingPathComponent("restored")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBackup(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzz.bytes(data, size)
    var backup = input[...], shareLines: [String] = []
    if let split = (0..<max(input.count - 1, 0)).first(where: { input[$0] == 0x0a && input[$0 + 1] == 0x0a }) {
        shareLines = String(decoding: input[..<split], as: UTF8.self).split(separator: "\n").map(String.init)
        backup = input[(split + 2)...]
    }
    // `restore --share FILE` takes a share text file of at most 4,096 bytes (a longer one is refused before it is
    // parsed) or a share QR PNG, whose decoding FuzzPNG covers and whose text goes through BackupShare(text:) as here.
    let shares = shareLines.filter { $0.utf8.count <= 4096 }.compactMap { try? BackupShare(text: $0) }
    _ = shares.map(\.text)
    let bytes = Array(backup)
    guard (try? StationBackup.keySource(of: bytes)) != nil else { return 0 }
    let unlock: BackupUnlock
    if shareLines.isEmpty {
        guard let scrypt = try? StationBackup.parse(bytes).header.scrypt,
              (1...Fixed.harnessScryptCost).contains(scrypt.n), (1...Fixed.harnessScryptCost).contains(scrypt.r),
              (1...Fixed.harnessScryptCost).contains(scrypt.p),
              scrypt.n * scrypt.r <= Fixed.harnessScryptCost, scrypt.n * scrypt.r * scrypt.p <= Fixed.harnessScryptCost
        else { return 0 }
        unlock = .passphrase(Fixed.passphrase)
    } else {
        unlock = .shares(shares)
    }
    do {
        _ = try StationBackup.restore(bytes, unlock: unlock, into: Fixed.destination, verifyOnly: true)
    } catch {
        _ = "\(error)"
    }
    return 0
}

Fuzz.run(fuzzBackup)
