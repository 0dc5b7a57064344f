import ArgumentParser
import Foundation
import SealBundle
import SealCrypto
import SealStation
import SwiftASN1
import SealPKI

extension BenchCommand {
    /// How fast hostile inputs are refused, each against the ordinary work of the same kind in the same run.
    struct Hostile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hostile",
            abstract: "Refusing hostile inputs: a 60,000-member bundle, a 2 GiB non-ZIP file, a key file asking for 2^31 PBKDF2 iterations.",
            discussion: """
                Each refusal is timed against a reference measured in the same run: refusing a canonical 60,000-member
                bundle (BundleVerifier, from the file) against verifying a real demo-size bundle (3 seals, exported by a
                throw-away station, --no-redraw); refusing a 2 GiB sparse file that is not a ZIP (BundleArchive.load)
                against reading the same file's last 64 KiB; refusing a key file asking for 2^31 PBKDF2 iterations against
                one unlock of a key file with the default 600,000. Goals: under 1 s, 1 s and 10 ms. Times are the best of
                --trials runs.

                Example:
                  Scripts/bench hostile --trials 3
                """)

        @Option(help: "Runs of each measurement (the best is reported).") var trials: Int = 3
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func best(_ body: () throws -> Void) throws -> Double { try Measure.bestMilliseconds(trials: trials, body) }

        func run() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }

            // A real demo-size bundle, and a canonical one with 60,000 members that is not a bag.
            Measure.log(json, "exporting a 3-seal bundle…")
            let now = Date()
            let bench = try BenchStation(name: "hostile", templates: templates, now: now)
            defer { bench.remove() }
            let seeder = try BenchCommand.Bundle.parse(["--seals", "3"] + (templates.map { ["--templates", $0] } ?? []))
            try seeder.seed(bench, now: now)
            let export = try bench.station.exportBundle(
                by: bench.clerk, to: directory.appendingPathComponent("courier"), stationPassphrase: BenchStation.secret(), now: Date())
            let verifier = BundleVerifier(anchor: bench.station.ca.certificate)
            let normal = try best {
                guard verifier.verify(URL(fileURLWithPath: export.path)).report.isValid else { throw BenchError.measurementFailed("the 3-seal bundle") }
            }
            let many = directory.appendingPathComponent("many.zip")
            try BundleArchive.write((0..<60_000).map { BagItBag.File(path: String(format: "data/m/%06d", $0), bytes: [UInt8(truncatingIfNeeded: $0)]) }, to: many)
            Measure.log(json, "refusing the 60,000-member bundle…")
            let manyRefusal = try best {
                guard !verifier.verify(many).report.isValid else { throw BenchError.measurementFailed("the 60,000-member bundle was accepted") }
            }

            // A 2 GiB sparse file that is not a ZIP.
            let large = directory.appendingPathComponent("large.bin")
            _ = FileManager.default.createFile(atPath: large.path, contents: nil)
            let handle = try FileHandle(forWritingTo: large)
            try handle.truncate(atOffset: UInt64(BundleArchive.Limits().archiveBytes))
            try handle.close()
            Measure.log(json, "refusing the 2 GiB non-ZIP file…")
            let largeRefusal = try best {
                do {
                    _ = try BundleArchive.load(large)
                    throw BenchError.measurementFailed("the 2 GiB file was accepted")
                } catch BundleArchiveError.notZIP {}
            }
            let tail = try best {
                let reader = try FileHandle(forReadingFrom: large)
                defer { try? reader.close() }
                try reader.seek(toOffset: UInt64(BundleArchive.Limits().archiveBytes - ZIPEndOfCentralDirectory.maximumTail))
                guard try reader.readToEnd()?.count == ZIPEndOfCentralDirectory.maximumTail else { throw BenchError.measurementFailed("tail") }
            }

            // Key files: the default iterations, and the same file asking for 2^31.
            Measure.log(json, "unlocking key files…")
            let key = try PrivateKey.generate(.sm2).encryptedPKCS8(passphrase: BenchStation.secret())
            let hostileKey = try Self.keyFile(key, iterations: 1 << 31)
            let unlock = try best { _ = try PrivateKey(encryptedPKCS8: key, passphrase: BenchStation.secret()) }
            let keyRefusal = try best {
                do {
                    _ = try PrivateKey(encryptedPKCS8: hostileKey, passphrase: BenchStation.secret())
                    throw BenchError.measurementFailed("the 2^31-iteration key file was accepted")
                } catch SealCryptoError.tooManyIterations {}
            }

            let figures = [
                BenchFigure(name: "refuse 60,000-member bundle vs verify 3-seal bundle", unit: "ms", ours: manyRefusal, reference: normal),
                BenchFigure(name: "refuse 2 GiB non-ZIP vs read its last 64 KiB", unit: "ms", ours: largeRefusal, reference: tail),
                BenchFigure(name: "refuse 2^31-iteration key vs unlock a 600,000-iteration key", unit: "ms", ours: keyRefusal, reference: unlock),
            ]
            try BenchReport(seconds: 0, reference: "the ordinary work of the same kind, same run, best of \(trials)", figures: figures).print(json: json)
        }

        /// `file` asking for `iterations` PBKDF2 iterations (salt, PRF, cipher and ciphertext kept).
        static func keyFile(_ file: [UInt8], iterations: Int) throws -> [UInt8] {
            func children(_ node: ASN1Node) throws -> [ASN1Node] {
                guard case .constructed(let nodes) = node.content else { throw BenchError.measurementFailed("not a key file") }
                return Array(nodes)
            }
            let top = try children(DER.parse(file))
            let scheme = try children(top[0]), pbes2 = try children(scheme[1]), kdf = try children(pbes2[0]), pbkdf2 = try children(kdf[1])
            var coder = DER.Serializer()
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    coder.serializeRawBytes(scheme[0].encodedBytes)
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            coder.serializeRawBytes(kdf[0].encodedBytes)
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                coder.serializeRawBytes(pbkdf2[0].encodedBytes)
                                try coder.serialize(UntrustedInteger(iterations))
                                for node in pbkdf2.dropFirst(2) { coder.serializeRawBytes(node.encodedBytes) }
                            }
                        }
                        coder.serializeRawBytes(pbes2[1].encodedBytes)
                    }
                }
                coder.serializeRawBytes(top[1].encodedBytes)
            }
            return coder.serializedBytes
        }
    }
}
