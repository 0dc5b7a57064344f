import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SealBundle
import SealCrypto
import SealFiling
import SealFilingPostgres
import SealFilingService
import SealPKI
import SealStation
import SealTestSupport

extension BenchCommand {
    /// The online filing service: seals imported per second through `POST /v1/bundles`, against the limit of the work.
    struct Online: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "online",
            abstract: "Seals/s imported through sealfiling serve with 1 and 4 uploaders vs the limit from openssl speed (goal ≥ 0.5).",
            discussion: """
                Seeds a station with N real seals (as `Scripts/bench bundle` does) and exports one bundle. Then, for 1 and
                for 4 uploaders, starts that many filing services (Hummingbird, each over a fresh SQLite registry) on
                loopback and has each uploader (curl) POST the bundle to its own service at the same time, timing until every
                upload is answered 201: the bundle streamed to disk, verified (archive, manifests, SignedData, audit
                records, every seal's two SM2 verifications) and imported in one transaction. The limit is the work's
                cost on every core, from `openssl speed` in the same run: per seal, two SM2 verifications plus SM3 and
                SHA-256 over the seal's share of the bundle's bytes. --store postgres imports into databases of one private
                PostgreSQL server (Debian's, started as the tests start it, with fsync on) instead: each uploader its own
                database. Last, the peak resident memory (VmHWM) of verifying and importing a bundle in a process of its own:
                the bundle above, and a large one (--large-seals seals drawn at --large-dpi, about 2 GB by default; goal
                ≤ 256 MB). Queries over 10,000,000 filed seals: `Scripts/bench online-queries`.

                Example:
                  Scripts/bench online --seals 10000 --store postgres
                """)

        /// Where the services keep their registries.
        enum StoreKind: String, ExpressibleByArgument, CaseIterable, Encodable {
            case sqlite, postgres
        }

        @Option(help: "Seals in the bundle.") var seals: Int = 10_000
        @Option(help: "The filing store: sqlite or postgres.") var store: StoreKind = .sqlite
        @Option(help: "Seals of the large bundle whose import's peak memory is also measured (0 skips it).") var largeSeals: Int = 10_000
        @Option(help: "The PNG resolution of the large bundle's seals (1200 dpi: about 2 GB for 10,000 round seals).") var largeDPI: Double = 1200
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1...20_000).contains(seals) else { throw ValidationError("--seals must be 1 to 20000") }
            guard (0...15_000).contains(largeSeals) else { throw ValidationError("--large-seals must be 0 to 15000") }
            guard (72...2400).contains(largeDPI) else { throw ValidationError("--large-dpi must be 72 to 2400") }
        }

        struct Run: Encodable {
            var uploaders: Int
            var seconds: Double
            var sealsPerSecond: Double
            var ratio: Double
        }

        struct Report: Encodable {
            var store: StoreKind
            var seals: Int
            var bundleBytes: Int
            var cores: Int
            var sm2VerifyPerSecond: Double
            var sm3MBPerSecond: Double
            var sha256MBPerSecond: Double
            /// Seals/s the work allows on every core.
            var limitSealsPerSecond: Double
            var runs: [Run]
            /// `import-once` in a process of its own: the peak resident memory of verifying and importing the bundle.
            var importPeak: ImportOnce.Result
            /// The same for the large bundle (`--large-seals` at `--large-dpi`), when measured.
            var largeBundleBytes: Int?
            var largeImportPeak: ImportOnce.Result?
        }

        func run() async throws {
            let now = Date()
            let bench = try BenchStation(name: "online", templates: nil, now: now)
            defer { bench.remove() }
            Measure.log(json, "seeding \(seals) seals…")
            try Bundle.parse(["--seals", "\(seals)"]).seed(bench, now: now)
            Measure.log(json, "exporting…")
            let export = try bench.station.exportBundle(
                by: bench.clerk, to: bench.directory.appendingPathComponent("courier"), stationPassphrase: BenchStation.secret(), maxSeals: seals, now: Date())
            guard export.seals == seals else { throw BenchError.measurementFailed("the bundle holds \(export.seals) seals") }
            let bundle = try Data(contentsOf: URL(fileURLWithPath: export.path))

            Measure.log(json, "openssl speed sm2, sm3, sha256…")
            let verify = try OpenSSLSpeed.sm2(seconds: 3).verify
            let sm3 = try OpenSSLSpeed.sm3(seconds: 2, bytes: 16384), sha256 = try OpenSSLSpeed.sha256(seconds: 2, bytes: 16384)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            let bytesPerSeal = Double(bundle.count) / Double(seals)
            let secondsPerSeal = 2 / verify + bytesPerSeal / (sm3 * 1e6) + bytesPerSeal / (sha256 * 1e6)
            let limit = Double(cores) / secondsPerSeal

            var runs: [Run] = []
            for uploaders in [1, 4] {
                Measure.log(json, "\(uploaders) uploader(s)…")
                let seconds: Double = try await upload(bundle, uploaders: uploaders, bench: bench)
                let rate = Double(seals * uploaders) / seconds
                runs.append(Run(uploaders: uploaders, seconds: seconds, sealsPerSecond: rate, ratio: rate / limit))
            }
            Measure.log(json, "peak memory of one import, in a process of its own…")
            let peak = try ImportOnce.measure(bundle: export.path, anchor: bench.station.ca.certificate, scratch: bench.directory)
            var large: (bytes: Int, peak: ImportOnce.Result)?
            if largeSeals > 0 {
                let big = try BenchStation(name: "online-large", templates: nil, now: now)
                defer { big.remove() }
                Measure.log(json, "seeding \(largeSeals) seals at \(Int(largeDPI)) dpi for the large bundle…")
                try Bundle.parse(["--seals", "\(largeSeals)", "--dpi", "\(largeDPI)"]).seed(big, now: now)
                let bigExport = try big.station.exportBundle(
                    by: big.clerk, to: big.directory.appendingPathComponent("courier"), stationPassphrase: BenchStation.secret(), maxSeals: largeSeals, now: Date())
                Measure.log(json, String(format: "peak memory of importing the %.2f GB bundle…", Double(bigExport.bytes) / 1e9))
                large = (bigExport.bytes, try ImportOnce.measure(bundle: bigExport.path, anchor: big.station.ca.certificate, scratch: big.directory))
            }
            let report = Report(store: store, seals: seals, bundleBytes: bundle.count, cores: cores, sm2VerifyPerSecond: verify, sm3MBPerSecond: sm3,
                                sha256MBPerSecond: sha256, limitSealsPerSecond: limit, runs: runs, importPeak: peak,
                                largeBundleBytes: large?.bytes, largeImportPeak: large?.peak)
            if json {
                try Measure.printJSON(report)
            } else {
                print("reference: \(OpenSSLSpeed.version()) speed: sm2 \(Int(verify)) verify/s, sm3 \(Int(sm3)) MB/s, sha256 \(Int(sha256)) MB/s (one core)")
                print("store    \(store == .sqlite ? "SQLite (one file per service)" : "PostgreSQL (one database per service on one server, fsync on)")")
                print(String(format: "limit    %.0f seals/s on %d cores (2 SM2 verifications + SM3 + SHA-256 over %.0f bytes a seal)", limit, cores, bytesPerSeal))
                for run in runs {
                    print(String(format: "%d uploader(s)  %d seals each in %.2f s: %.0f seals/s = ratio %.3f of the limit (goal ≥ 0.5)",
                                 run.uploaders, seals, run.seconds, run.sealsPerSecond, run.ratio))
                }
                print(String(format: "memory   verifying and importing the %.1f MB bundle (sealfiling's code, its own process, SQLite) peaked at %.1f MB resident = %.2f× the bundle, in %.2f s",
                             Double(bundle.count) / 1e6, Double(peak.peakRSSBytes) / 1e6, Double(peak.peakRSSBytes) / Double(bundle.count), peak.seconds))
                if let large {
                    print(String(format: "memory   the %.2f GB bundle (%d seals at %.0f dpi) peaked at %.1f MB resident = %.3f× the bundle (goal ≤ 256 MB), in %.1f s",
                                 Double(large.bytes) / 1e9, largeSeals, largeDPI, Double(large.peak.peakRSSBytes) / 1e6,
                                 Double(large.peak.peakRSSBytes) / Double(large.bytes), large.peak.seconds))
                }
            }
        }

        /// Starts `uploaders` services on fresh registries, uploads `bundle` to each at once, and returns the seconds until
        /// every upload was answered 201.
        func upload(_ bundle: Data, uploaders: Int, bench: BenchStation) async throws -> Double {
            var logger = Logger(label: "sealstation-bench.online")
            logger.logLevel = .critical
            let quiet = logger
            var servers: [Task<Void, any Error>] = []
            defer { servers.forEach { $0.cancel() } }
            let postgres = store == .postgres ? try PostgresServer(settings: ["fsync=on", "full_page_writes=on", "shared_buffers=1GB", "max_wal_size=8GB"]) : nil
            var targets: [(port: Int, token: ClientToken)] = []
            for index in 0..<uploaders {
                let directory = bench.directory.appendingPathComponent("online-\(uploaders)-\(index)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let store: any FilingStore = if let postgres {
                    try await PostgresFilingStore.open(try PostgresLocation(url: try postgres.createDatabase("filings_\(uploaders)_\(index)")))
                } else {
                    try SQLiteFilingStore(path: directory.appendingPathComponent("filings.sqlite").path)
                }
                let token = try ClientToken.generate()
                try await store.addClient(FilingClientRecord(name: "bench", tokenSHA256: try token.sha256(), addedAt: Date()))
                let service = try FilingService(store: store, enrolment: [bench.station.ca.certificate],
                                                uploadDirectory: directory.appendingPathComponent("uploads"), storeTimeout: .seconds(300))
                let bound = AsyncStream<Int>.makeStream()
                servers.append(Task {
                    try await service.application(host: "127.0.0.1", port: 0, logger: quiet, onRunning: { port in
                        bound.continuation.yield(port)
                        bound.continuation.finish()
                    }).runService()
                })
                var port = 0
                for await value in bound.stream { port = value }
                targets.append((port, token))
            }
            // curl as the uploaders (what the README shows): each streams the bundle file as the request body, its
            // token from a 0600 header file (never argv).
            let bundlePath = bench.directory.appendingPathComponent("upload-\(uploaders).zip")
            try bundle.write(to: bundlePath)
            var commands: [[String]] = []
            for (index, target) in targets.enumerated() {
                let header = bench.directory.appendingPathComponent("upload-\(uploaders)-\(index).header")
                guard FileManager.default.createFile(atPath: header.path, contents: Data("Authorization: Bearer \(target.token.text)\n".utf8),
                                                    attributes: [.posixPermissions: 0o600])
                else { throw BenchError.measurementFailed("cannot write \(header.path)") }
                commands.append(["-sS", "-X", "POST", "-T", bundlePath.path, "-H", "@" + header.path, "-H", "Content-Type: application/zip",
                                 "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3600", "http://127.0.0.1:\(target.port)/v1/bundles"])
            }
            let started = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for arguments in commands {
                    group.addTask {
                        // Waited for on a thread of its own: a cooperative or Dispatch thread blocked here would be one
                        // fewer for the services' verification (Dispatch's global queue is as wide as the cores).
                        try await withCheckedThrowingContinuation { continuation in
                            Thread.detachNewThread {
                                continuation.resume(with: Result {
                                    let (status, text) = try Measure.output(of: URL(fileURLWithPath: "/usr/bin/curl"), arguments)
                                    guard status == 0 else { throw BenchError.measurementFailed("curl exited with \(status)") }
                                    return Int(text) ?? 0
                                })
                            }
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            guard statuses.allSatisfy({ $0 == 201 }) else { throw BenchError.measurementFailed("uploads answered \(statuses)") }
            withExtendedLifetime(postgres) {}
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }
}

extension BenchCommand {
    /// One bundle verified and imported into a fresh SQLite registry, in a process of its own so that its peak resident
    /// memory (VmHWM) is the import's alone; run by `online`.
    struct ImportOnce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-once", abstract: "Verify and import one bundle and print the process's peak RSS (run by `online`).",
            discussion: "Example:\n  sealstation-bench import-once --bundle filing-….zip --anchor station-ca.der --db /tmp/filings.sqlite",
            shouldDisplay: false)

        @Option(help: "The bundle file.") var bundle: String
        @Option(help: "The station CA certificate (DER).") var anchor: String
        @Option(help: "A new SQLite registry.") var db: String

        struct Result: Codable {
            var peakRSSBytes: Int
            var seconds: Double
        }

        func run() async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let certificate = try Certificate(derEncoded: Array(try Data(contentsOf: URL(fileURLWithPath: anchor))))
            let outcome = BundleVerifier(anchor: certificate).verify(URL(fileURLWithPath: bundle))
            guard outcome.report.isValid else { throw BenchError.measurementFailed("the bundle did not verify: \(outcome.report.firstFailure ?? "")") }
            let result = try await BundleImporter(store: try SQLiteFilingStore(path: db)).importBundle(outcome, now: Date())
            guard result.status == .imported else { throw BenchError.measurementFailed("the bundle was \(result.status.rawValue)") }
            let elapsed = clock.now - started
            // VmHWM, the peak of this process image: getrusage's ru_maxrss keeps the parent's peak across fork and exec.
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kilobytes = Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
            else { throw BenchError.measurementFailed("no VmHWM in /proc/self/status") }
            try Measure.printJSON(Result(peakRSSBytes: kilobytes * 1024,
                                         seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        }

        /// Runs `import-once` on `bundle` as a child of this process and reads what it printed.
        static func measure(bundle: String, anchor: Certificate, scratch: URL) throws -> Result {
            let anchorPath = scratch.appendingPathComponent("import-once-anchor.der")
            try Data(anchor.derEncoded).write(to: anchorPath)
            let database = scratch.appendingPathComponent("import-once-\(UUID().uuidString.prefix(8)).sqlite")
            let (status, text) = try Measure.output(
                of: URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL,
                ["import-once", "--bundle", bundle, "--anchor", anchorPath.path, "--db", database.path])
            guard status == 0, let result = try? JSONDecoder().decode(Result.self, from: Data(text.utf8)) else {
                throw BenchError.measurementFailed("import-once exited with \(status): \(text.prefix(300))")
            }
            return result
        }
    }
}
