import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import SealCrypto
import SealFiling
import SealFilingPostgres
import SealFilingService
import SealTestSupport

extension BenchCommand {
    /// The filing service's queries over a province-sized PostgreSQL registry: p99 of `GET /v1/seals?creditCode=` and
    /// `GET /v1/seals/{esID}` under wrk.
    struct OnlineQueries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "online-queries",
            abstract: "p99 of GET /v1/seals?creditCode= and /v1/seals/{esID} over N filed seals in PostgreSQL at 32 connections (goal < 5 ms).",
            discussion: """
                Starts a private PostgreSQL server (Debian's, as the tests do), lets sealfiling's store create its schema,
                and generates N filed seals in SQL (generate_series: ten seals a unit, one real SM2 holder certificate
                shared by all, one-byte SES_Seal and SVG placeholders — the queries read the rows and the certificate,
                not the pictures). Then runs the filing service (Hummingbird, the PostgreSQL store, bearer tokens) on
                loopback and wrk with 2 threads and --connections connections for --seconds seconds on each route, every
                request for another of 1,000 random units or seals. Every response must be 200; each unit's page must list
                its ten seals. wrk, the service and PostgreSQL share this machine's cores.

                Example:
                  Scripts/bench online-queries --rows 10000000
                """)

        @Option(help: "Filed seals to generate.") var rows: Int = 10_000_000
        @Option(help: "wrk's concurrent connections.") var connections: Int = 32
        @Option(help: "Seconds of each wrk run.") var seconds: Int = 10
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1_000...50_000_000).contains(rows) else { throw ValidationError("--rows must be 1000 to 50000000") }
            guard (1...1_000).contains(connections) else { throw ValidationError("--connections must be 1 to 1000") }
            guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be 1 to 600") }
        }

        struct Report: Encodable {
            var rows: Int
            var generateSeconds: Double
            var databaseBytes: Int
            var cores: Int
            var connections: Int
            var runs: [Wrk.Result]
        }

        func run() async throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-queries-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: scratch) }
            Measure.log(json, "starting PostgreSQL…")
            let server = try PostgresServer(settings: ["shared_buffers=1GB", "max_wal_size=8GB", "checkpoint_timeout=30min"])
            let url = try server.createDatabase("filings")
            let store = try await PostgresFilingStore.open(try PostgresLocation(url: url), maximumConnections: 16)

            let generated = try generate(into: server, database: "filings")
            let databaseBytes = Int(try server.psql("filings", "SELECT pg_database_size('filings')").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0

            let token = try ClientToken.generate()
            try await store.addClient(FilingClientRecord(name: "bench", tokenSHA256: try token.sha256(), addedAt: Date()))
            let service = try FilingService(store: store, enrolment: [], uploadDirectory: scratch.appendingPathComponent("uploads"))
            var logger = Logger(label: "sealstation-bench.online-queries")
            logger.logLevel = .critical
            let quiet = logger
            let bound = AsyncStream<Int>.makeStream()
            let serving = Task {
                try await service.application(host: "127.0.0.1", port: 0, logger: quiet, onRunning: { port in
                    bound.continuation.yield(port)
                    bound.continuation.finish()
                }).runService()
            }
            defer { serving.cancel() }
            var port = 0
            for await value in bound.stream { port = value }

            // 1,000 random units and seals of those generated.
            var random = SystemRandomNumberGenerator()
            let units = (0..<1_000).map { _ in Self.creditCode(Int.random(in: 1...(rows / 10), using: &random)) }
            let seals = (0..<1_000).map { _ in Self.esID(Int.random(in: 1...rows, using: &random)) }
            let authority = "127.0.0.1:\(port)"
            let headers = ["Authorization: Bearer \(token.text)"]
            try await probe(authority: authority, token: token, unit: units[0], seal: seals[0])

            var runs: [Wrk.Result] = []
            for (label, paths) in [("/v1/seals?creditCode=…", units.map { "/v1/seals?creditCode=\($0)" }), ("/v1/seals/{esID}", seals.map { "/v1/seals/\($0)" })] {
                Measure.log(json, "wrk -t2 -c\(connections) -d\(seconds)s --latency \(label)…")
                var result = try Wrk.run(url: "http://\(authority)", path: paths[0], paths: paths, headers: headers, threads: 2,
                                         connections: connections, seconds: seconds, scriptDirectory: scratch)
                result.path = label
                guard result.non200 == 0, result.non2xxOr3xx == 0, result.requests > 0 else {
                    throw BenchError.measurementFailed("\(label): \(result.non200) responses were not 200 of \(result.requests)")
                }
                runs.append(result)
            }
            let report = Report(rows: rows, generateSeconds: generated, databaseBytes: databaseBytes,
                                cores: ProcessInfo.processInfo.activeProcessorCount, connections: connections, runs: runs)
            if json {
                try Measure.printJSON(report)
            } else {
                print("reference: \(Wrk.version()); PostgreSQL \(try server.psql("filings", "SHOW server_version").trimmingCharacters(in: .whitespacesAndNewlines)), \(report.cores) cores shared by wrk, the service and the server")
                print(String(format: "rows     %d filed seals generated in %.1f s (database %.1f GB)", rows, generated, Double(databaseBytes) / 1e9))
                for run in runs {
                    print(String(format: "%@  %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms at %d connections (goal p99 < 5 ms)",
                                 run.path, run.requestsPerSecond, run.p50MS, run.p90MS, run.p99MS, connections))
                }
            }
        }

        /// The 统一社会信用代码-shaped key of generated unit `unit` (18 characters; the query does not check GB 32100).
        static func creditCode(_ unit: Int) -> String { "91" + String(repeating: "0", count: max(0, 16 - String(unit).count)) + String(unit) }

        /// The esID of generated seal `seal` (14 digits).
        static func esID(_ seal: Int) -> String { String(repeating: "0", count: max(0, 14 - String(seal).count)) + String(seal) }

        /// Generates the station and `rows` filed seals in batches of a million, then analyses the table; the seconds taken.
        func generate(into server: PostgresServer, database: String) throws -> Double {
            let ca = try BenchCA(subject: "CN=基准站 CA,O=基准", notBefore: Date(timeIntervalSince1970: 1_767_225_600))
            let holder = try ca.issue("CN=基准持有人,OU=910000000000000001,O=基准", subjectKey: try PrivateKey.generate(.sm2).publicKey)
            let started = ContinuousClock.now
            _ = try server.psql(database, """
                INSERT INTO filing_station (id, name, organization, ca_certificate, first_imported_at)
                VALUES ('bench', '基准站', '基准', '\\x\(Hex.encode(ca.certificate.derEncoded))'::bytea, now())
                """)
            let batch = 1_000_000
            var first = 1
            while first <= rows {
                let last = min(rows, first + batch - 1)
                Measure.log(json, "generating filed seals \(first)–\(last) of \(rows)…")
                _ = try server.psql(database, """
                    INSERT INTO filed_seal (es_id, station_id, bundle_sequence, name, kind, template, unit_name, credit_code, use_name,
                        state, valid_from, valid_to, issued_at, issued_by, approved_by, seal_sm3, seal_der, image_svg, holder_certificate)
                    SELECT lpad(g::text, 14, '0'), 'bench', 1, '基准单位' || ((g + 9) / 10) || '合同专用章' || ((g + 9) % 10), 'unit', 'round-42',
                        '基准单位' || ((g + 9) / 10), '91' || lpad(((g + 9) / 10)::text, 16, '0'), '合同专用章', 'issued',
                        timestamptz '2026-01-01', timestamptz '2028-01-01', timestamptz '2026-01-01' + g * interval '1 second',
                        '经办人', '审批人', md5(g::text), '\\x30'::bytea, '\\x3c'::bytea, '\\x\(Hex.encode(holder.derEncoded))'::bytea
                    FROM generate_series(\(first), \(last)) AS g
                    """)
                first = last + 1
            }
            Measure.log(json, "ANALYZE…")
            _ = try server.psql(database, "ANALYZE")
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        /// One request on each route before the runs: 200, the unit's ten seals, the seal's own record.
        func probe(authority: String, token: ClientToken, unit: String, seal: String) async throws {
            let session = URLSession(configuration: .ephemeral)
            for (path, check) in [
                ("/v1/seals?creditCode=\(unit)", { (object: [String: Any]) in (object["seals"] as? [Any])?.count == 10 }),
                ("/v1/seals/\(seal)", { (object: [String: Any]) in (object["seal"] as? [String: Any] ?? object)["esID"] as? String == seal }),
            ] {
                var request = URLRequest(url: URL(string: "http://\(authority)\(path)")!)
                request.setValue("Bearer \(token.text)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                guard status == 200, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any], check(object) else {
                    throw BenchError.measurementFailed("\(path) answered \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
                }
            }
        }
    }
}
