import ArgumentParser
import COpenSSL
import Foundation
import SealConsole
import SealCrypto
import SealRegistry
import SealStation

extension BenchCommand {
    /// Console page latency under load with 10,000 seals, and the sign-in rate against the passphrase hash.
    struct Console: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "console",
            abstract: "Console page p50/p99 under wrk with 10,000 seals (goal p99 < 20 ms); sign-ins/s vs PBKDF2 hashes/s.",
            discussion: """
                Generates the seals directly into a fresh bench station (as `bench registry` does), serves the console in
                this process on a free 127.0.0.1 port, signs one officer (the operator) in through the sign-in form as a
                browser does (GET /sign-in for the CSRF token and cookie, POST /sign-in), then runs `wrk --latency` with
                --connections connections on --threads threads for --seconds seconds against each of --pages with the
                session cookie and the Host header. Every response must be 200 (counted by a Lua hook): any other status,
                or a socket error, fails the benchmark. A page answering 404 before the run is reported as not served by
                this build and skipped.

                Then the sign-in rate: real sign-ins (form, then POST with the right passphrase) one after another,
                alternating in rounds with raw PKCS5_PBKDF2_HMAC calls of the officer's own hash parameters (PBKDF2-HMAC-
                SHA256, the salt and iteration count of the stored hash), both in wall-clock time; ratio = sign-ins/s ÷
                hashes/s, close to 1 when the hash is what a sign-in costs.

                Example:
                  Scripts/bench console --seals 10000 --seconds 10 --json
                """)

        @Option(help: "Seals to generate.") var seals: Int = 10_000
        @Option(help: "Seconds of wrk per page.") var seconds: Int = 10
        @Option(help: "wrk connections.") var connections: Int = 16
        @Option(help: "wrk threads.") var threads: Int = 2
        @Option(help: "Pages to load, comma-separated.") var pages: String = "/workbench,/seals"
        @Option(name: .customLong("sign-in-seconds"), help: "Seconds of sign-ins and raw hashes, alternating.") var signInSeconds: Int = 10
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Option(name: .customLong("console-assets"), help: ArgumentHelp("The console's templates and style sheet.", valueName: "DIR"))
        var consoleAssets: String?
        @Flag(help: "Print the result as JSON.") var json = false

        static let goalP99MS = 20.0

        struct PageFigure: Encodable {
            var path: String
            /// `measured`, or `not served` (404 before the run: the page is not in this build).
            var status: String
            var wrk: Wrk.Result?
            var meetsGoal: Bool?
        }

        struct SignInFigure: Encodable {
            var kdf: String
            var iterations: Int
            var signIns: Int
            var signInsPerSecond: Double
            var rawHashes: Int
            var rawHashesPerSecond: Double
            var ratio: Double
        }

        struct Report: Encodable {
            var seals: Int
            var connections: Int
            var threads: Int
            var secondsPerPage: Int
            var goalP99MS: Double
            var wrk: String
            var pages: [PageFigure]
            var signIn: SignInFigure
            var passed: Bool
        }

        func run() throws {
            let now = Date()
            let bench = try BenchStation(name: "console", templates: templates, now: now)
            defer { bench.remove() }
            Measure.log(json, "generating \(seals) seals…")
            let generation = try ContinuousClock().measure { try bench.generateSeals(seals, now: now) }
            Measure.log(json, "generated in \(generation)")

            let console = try BenchConsole(station: bench.station, assets: ConsoleApplication.assets(flag: consoleAssets))
            let http = LoopbackHTTP(host: console.listen.host, port: console.listen.port)
            Measure.log(json, "console on http://\(http.authority)/")
            let cookieName = ConsoleApplication.sessionCookie
            let session = try Self.signIn(http, name: bench.clerk.name, passphrase: BenchStation.passphrase)
            let cookie = "\(cookieName)=\(session)"
            let workbench = try http.get("/workbench", cookie: cookie)
            guard workbench.status == 200, workbench.body.contains("工作台") else {
                throw BenchError.measurementFailed("the signed-in workbench answered \(workbench.status)")
            }

            // 1. Pages under load.
            let scratch = bench.directory.appendingPathComponent("wrk")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            var figures: [PageFigure] = []
            var passed = true
            for path in pages.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !path.isEmpty {
                let probe = try http.get(path, cookie: cookie)
                if probe.status == 404 {
                    Measure.log(json, "\(path): 404, not served by this build; skipped")
                    figures.append(PageFigure(path: path, status: "not served"))
                    continue
                }
                guard probe.status == 200 else {
                    throw BenchError.measurementFailed("\(path) answered \(probe.status) to the signed-in officer before the run")
                }
                Measure.log(json, "wrk -t\(threads) -c\(connections) -d\(seconds)s --latency \(path)…")
                let result = try Wrk.run(
                    url: "http://\(http.authority)", path: path, headers: ["Host: \(http.authority)", "Cookie: \(cookie)"],
                    threads: threads, connections: connections, seconds: seconds, scriptDirectory: scratch)
                if result.non200 > 0 || result.non2xxOr3xx > 0 || result.socketErrors > 0 || result.requests == 0 { passed = false }
                figures.append(PageFigure(path: path, status: "measured", wrk: result, meetsGoal: result.p99MS < Self.goalP99MS))
            }
            // The session held through the load.
            guard try http.get("/workbench", cookie: cookie).status == 200 else {
                throw BenchError.measurementFailed("the session did not survive the load")
            }

            // 2. Sign-ins against the raw hash, alternating.
            let stored = try bench.station.officers().first { $0.id == bench.clerk.id }?.passphraseHash ?? ""
            let kdf = try RawPBKDF2(stored: stored)
            Measure.log(json, "sign-ins vs raw PBKDF2-HMAC-SHA256 (\(kdf.iterations) iterations) for \(signInSeconds) s…")
            let passphrase = Array(BenchStation.passphrase.utf8)
            let rounds = try Measure.alternating(for: Double(signInSeconds), [
                { _ = try Self.signIn(http, name: bench.clerk.name, passphrase: BenchStation.passphrase) },
                { try kdf.derive(passphrase) },
            ])
            let (signIns, hashes) = (rounds[0], rounds[1])
            let signIn = SignInFigure(
                kdf: "PBKDF2-HMAC-SHA256", iterations: kdf.iterations, signIns: signIns.count, signInsPerSecond: signIns.perWallSecond,
                rawHashes: hashes.count, rawHashesPerSecond: hashes.perWallSecond, ratio: signIns.perWallSecond / hashes.perWallSecond)

            let report = Report(
                seals: seals, connections: connections, threads: threads, secondsPerPage: seconds, goalP99MS: Self.goalP99MS,
                wrk: Wrk.version(), pages: figures, signIn: signIn, passed: passed)
            if json {
                try Measure.printJSON(report)
            } else {
                print("console with \(seals) seals, \(report.wrk), \(threads) threads, \(connections) connections, \(seconds) s per page")
                for figure in figures {
                    guard let result = figure.wrk else {
                        print("\(figure.path): not served by this build (404), skipped")
                        continue
                    }
                    let goal = result.p99MS < Self.goalP99MS ? "met" : "NOT met"
                    print(figure.path.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + String(format: "p50 %.3f ms   p99 %.3f ms   ", result.p50MS, result.p99MS)
                        + "(goal p99 < \(Int(Self.goalP99MS)) ms: \(goal))   "
                        + String(format: "%.0f req/s, ", result.requestsPerSecond)
                        + "\(result.requests) requests, non-200 \(result.non200), socket errors \(result.socketErrors)")
                }
                print(String(format: "sign-in   %.2f sign-ins/s vs %.2f PBKDF2-HMAC-SHA256 hashes/s (%d iterations) = ratio %.3f",
                             signIn.signInsPerSecond, signIn.rawHashesPerSecond, signIn.iterations, signIn.ratio))
            }
            guard passed else { throw BenchError.measurementFailed("a page answered other than 200 under load (see non-200 / socket errors)") }
        }

        /// Signs `name` in as a browser does and returns the signed-in session id.
        static func signIn(_ http: LoopbackHTTP, name: String, passphrase: String) throws -> String {
            let cookieName = ConsoleApplication.sessionCookie
            let form = try http.get("/sign-in")
            guard form.status == 200, let formSession = form.setCookie(cookieName),
                  let range = form.body.range(of: #"name="csrf" value="[A-Za-z0-9_-]+""#, options: .regularExpression)
            else { throw BenchError.measurementFailed("the sign-in page answered \(form.status) without a form session or CSRF token") }
            let csrf = String(form.body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
            let response = try http.post("/sign-in", cookie: "\(cookieName)=\(formSession)", form: [("csrf", csrf), ("name", name), ("passphrase", passphrase)])
            guard response.status == 303, response.header("location") == "/workbench", let session = response.setCookie(cookieName), !session.isEmpty else {
                throw BenchError.measurementFailed("sign-in answered \(response.status) \(response.header("location") ?? "")")
            }
            return session
        }
    }
}

/// PKCS5_PBKDF2_HMAC with SHA-256 (fetched once, as SealCrypto's PasswordHash fetches it) and the salt and iteration
/// count of a stored officer hash (`pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`): what a sign-in's passphrase
/// check costs, called directly.
struct RawPBKDF2 {
    let iterations: Int
    let salt: [UInt8]
    let length: Int
    let digest: OpaquePointer

    init(stored: String) throws {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), let salt = Hex.decode(String(parts[2])),
              let hash = Hex.decode(String(parts[3]))
        else { throw BenchError.measurementFailed("the officer's passphrase hash is not pbkdf2-sha256$…") }
        self.iterations = iterations
        self.salt = salt
        self.length = hash.count
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else { throw BenchError.measurementFailed("EVP_MD_fetch SHA256 failed") }
        self.digest = digest
    }

    func derive(_ passphrase: [UInt8]) throws {
        var out = [UInt8](repeating: 0, count: length)
        let status = passphrase.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) { pass in
                PKCS5_PBKDF2_HMAC(pass.baseAddress, Int32(pass.count), salt, Int32(salt.count), Int32(iterations), digest, Int32(out.count), &out)
            }
        }
        guard status == 1 else { throw BenchError.measurementFailed("PKCS5_PBKDF2_HMAC failed") }
    }
}
