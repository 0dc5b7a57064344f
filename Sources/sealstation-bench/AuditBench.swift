import SealAudit
import ArgumentParser
import Foundation
import GRDB
import SealCrypto
@_spi(Fixtures) import SealRegistry
import SealRender
import SealStation
import SealPKI

extension BenchCommand {
    /// Audit verification throughput, and backup/restore time of a large registry.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "audit verify over N records in MB/s vs `openssl speed -evp sm3` (goal ≥ 0.5); backup and restore time.",
            discussion: """
                Builds a valid chain of --records audit records (typical sizes) and --seals seal rows directly in a
                fresh registry, then times `audit verify` (bytes hashed: previous hash plus the canonical record) against
                `openssl speed -evp sm3 -bytes <mean record size>`, and a shares-mode backup and its restore.

                Example:
                  Scripts/bench audit --records 1000000 --seals 1000000
                """)

        @Option(help: "Audit records to generate.") var records: Int = 1_000_000
        @Option(help: "Seal rows to generate for the backup.") var seals: Int = 1_000_000
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let now = Date()
            let bench = try BenchStation(name: "audit", templates: templates, now: now)
            defer { bench.remove() }
            let (directory, station, admin, clerk) = (bench.directory, bench.station, bench.admin, bench.clerk)
            let application = try station.apply(by: clerk, SealApplication(
                unitName: "基准测试单位", creditCode: "91110108MA00000070", template: "round-42", reason: "bench"), now: now)

            Measure.log(json, "generating \(records) audit records and \(seals) seals…")
            var totalBytes = 0
            try station.database.fixtureWriter.write { db in
                var last = try AuditRecord.order(AuditRecord.Columns.seq.desc).fetchOne(db)!
                let statement = try db.makeStatement(sql: "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for index in 0..<max(0, records - Int(last.seq)) {
                    let seq = last.seq + 1
                    let details = "{\"document\":\"合同-\(index).pdf\",\"documentSM3\":\"\(String(repeating: "ab", count: 32))\",\"used\":\"1/1\"}"
                    let time = "2026-11-25T10:00:00Z", object = "seal:\(index % 1000 + 1)"
                    let hash = try AuditChain.hash(prevHash: last.hash, seq: seq, time: time, officer: "clerk", action: "use.sign", object: object, details: details)
                    try statement.execute(arguments: [seq, time, "clerk", "use.sign", object, details, last.hash, hash])
                    last = AuditRecord(seq: seq, time: time, officer: "clerk", action: "use.sign", object: object, details: details, prevHash: last.hash, hash: hash)
                }
                let sealStatement = try db.makeStatement(sql: """
                    INSERT INTO seal (applicationID, esID, name, unitName, creditCode, template, state, sealDER, imagePNG,
                        holderCertificate, custody, validFrom, validTo, issuedBy, issuedAt)
                    VALUES (?, ?, ?, ?, ?, 'round-42', 'issued', ?, x'89504e47', x'3082', 'file:issued/none', ?, ?, ?, ?)
                    """)
                let blob = Data(repeating: 0x30, count: 200)
                for index in 0..<seals {
                    try sealStatement.execute(arguments: [
                        application.id, String(format: "B%013d", index), "单位\(index / 10)合同专用章", "单位\(index / 10)",
                        BenchStation.creditCode(unit: index / 10), blob, now, now.addingTimeInterval(86_400 * 730), clerk.id, now,
                    ])
                }
            }
            try station.database.fixtureWriter.read { db in
                let cursor = try AuditRecord.fetchCursor(db)
                while let record = try cursor.next() {
                    totalBytes += 32 + AuditChain.canonicalSize(of: record)
                }
            }
            let count = try station.database.fixtureWriter.read { db in try AuditRecord.fetchCount(db) }
            Measure.log(json, "verifying \(count) records…")
            let clock = ContinuousClock()
            var verification: AuditVerification?
            let verifyTime = try clock.measure { verification = try station.verifyAudit() }
            guard verification?.isValid == true else { throw BenchError.measurementFailed("the generated chain does not verify: \(verification!.problems.prefix(3))") }
            let seconds = Double(verifyTime.components.seconds) + Double(verifyTime.components.attoseconds) / 1e18
            let ours = Double(totalBytes) / seconds / 1e6
            let meanSize = totalBytes / count
            let reference = try OpenSSLSpeed.sm3(seconds: 3, bytes: meanSize)

            Measure.log(json, "backing up and restoring…")
            let caKey = try station.ca.unlockKey(passphrase: BenchStation.secret())
            let file = directory.appendingPathComponent("bench.backup").path
            var shares: [BackupShare] = []
            let backupTime = try clock.measure {
                shares = try station.backup(by: admin, to: file, caKey: caKey, keySource: .shares(threshold: 2, count: 2), now: Date()).shares
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0
            let restoreTime = try clock.measure {
                try StationBackup.restore(try Array(Data(contentsOf: URL(fileURLWithPath: file))), unlock: .shares(shares),
                                          into: directory.appendingPathComponent("restored"), verifyOnly: false)
            }
            func s(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
            struct Report: Encodable {
                var records: Int, meanRecordBytes: Int, verifySeconds: Double, verifyMBps: Double, sm3MBps: Double, ratio: Double
                var seals: Int, backupBytes: Int, backupSeconds: Double, restoreSeconds: Double
            }
            let report = Report(records: count, meanRecordBytes: meanSize, verifySeconds: seconds, verifyMBps: ours, sm3MBps: reference,
                                ratio: ours / reference, seals: seals, backupBytes: size, backupSeconds: s(backupTime), restoreSeconds: s(restoreTime))
            if json {
                try Measure.printJSON(report)
            } else {
                print(String(format: "audit verify: %d records (mean %d bytes hashed) in %.2f s = %.1f MB/s vs openssl sm3 %.1f MB/s at %d bytes = ratio %.3f (goal ≥ 0.5)",
                             count, meanSize, seconds, ours, reference, meanSize, ours / reference))
                print(String(format: "backup of %d seals: %.2f s (%d bytes); restore: %.2f s", seals, s(backupTime), size, s(restoreTime)))
            }
        }
    }
}
