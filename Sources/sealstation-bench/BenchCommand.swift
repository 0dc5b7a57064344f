import ArgumentParser
import Foundation
import SealCrypto

/// `sealstation-bench`: throughput of SealStation's building blocks as ratios to a reference measured in the same run.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealstation-bench",
        abstract: "Benchmarks, each reported as a ratio to its reference measured in the same run.",
        discussion: """
            Run through Scripts/bench, which builds in release mode first.

            Examples:
              Scripts/bench crypto --seconds 3
              Scripts/bench seal --seconds 3
              Scripts/bench render --seconds 3
              Scripts/bench registry --seals 1000000
              Scripts/bench bundle --seals 10000
              Scripts/bench qr --bytes 200000
              Scripts/bench hostile --trials 3
              Scripts/bench crl --entries 100000
              Scripts/bench console --seals 10000 --seconds 10
            """,
        subcommands: [Crypto.self, Seal.self, Render.self, Registry.self, Audit.self, Custody.self, Bundle.self, Online.self, OnlineQueries.self, ImportOnce.self, QR.self, Hostile.self, CRL.self, OFD.self, PDF.self, Console.self])
}

extension BenchCommand {
    /// SM2 sign/verify and SM3 through our wrapper against `openssl speed`.
    struct Crypto: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crypto",
            abstract: "SM2 sign/s and verify/s vs `openssl speed sm2`; SM3 MB/s vs `openssl speed -evp sm3`.",
            discussion: """
                Both sides are single-threaded and sign the same 20-byte message size as `openssl speed`.
                Our SM2 path includes what every signature in SealStation does: a fresh context with the
                distinguishing ID 1234567812345678 set. Rates are per second of CPU time, as `openssl speed` reports
                them (it divides by its user time), so a busy machine does not skew the ratios. Goal: both SM2 ratios
                ≥ 0.9.

                Example:
                  Scripts/bench crypto --seconds 3 --json
                """)

        @Option(help: "Seconds per measurement (as `openssl speed -seconds`).")
        var seconds: Int = 3

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let duration = Double(seconds)
            let key = try PrivateKey.generate(.sm2)
            let message = try SecureRandom.bytes(count: 20)
            let signature = try key.signature(for: message)
            Measure.log(json, "measuring our SM2 sign for \(seconds) s…")
            let signRate = try Measure.throughput(for: duration) { _ = try key.signature(for: message) }.perCPUSecond
            Measure.log(json, "measuring our SM2 verify for \(seconds) s…")
            let verifyRate = try Measure.throughput(for: duration) {
                guard try key.publicKey.isValidSignature(signature, for: message) else { throw BenchError.verifyFailed }
            }.perCPUSecond
            let block8k = try SecureRandom.bytes(count: 8192), block16k = try SecureRandom.bytes(count: 16384)
            Measure.log(json, "measuring our SM3 for \(2 * seconds) s…")
            let sm3Rate8k = try Measure.throughput(for: duration) { _ = try SM3.hash(block8k) }.perCPUSecond * 8192 / 1e6
            let sm3Rate16k = try Measure.throughput(for: duration) { _ = try SM3.hash(block16k) }.perCPUSecond * 16384 / 1e6

            Measure.log(json, "running openssl speed -seconds \(seconds) sm2…")
            let sm2Reference = try OpenSSLSpeed.sm2(seconds: seconds)
            Measure.log(json, "running openssl speed -seconds \(seconds) -evp sm3…")
            let sm3Reference = try OpenSSLSpeed.sm3(seconds: seconds)

            let figures = [
                BenchFigure(name: "SM2 sign", unit: "sign/s", ours: signRate, reference: sm2Reference.sign),
                BenchFigure(name: "SM2 verify", unit: "verify/s", ours: verifyRate, reference: sm2Reference.verify),
                BenchFigure(name: "SM3 8 KiB blocks", unit: "MB/s", ours: sm3Rate8k, reference: sm3Reference.mb8k),
                BenchFigure(name: "SM3 16 KiB blocks", unit: "MB/s", ours: sm3Rate16k, reference: sm3Reference.mb16k),
            ]
            try BenchReport(seconds: seconds, reference: OpenSSLSpeed.version(), figures: figures).print(json: json)
        }

    }
}

enum BenchError: Error, CustomStringConvertible {
    case verifyFailed
    case openSSLOutput(String)
    case measurementFailed(String)

    var description: String {
        switch self {
        case .verifyFailed: return "a signature made in the benchmark did not verify"
        case .openSSLOutput(let detail): return "could not read `openssl speed` output: \(detail)"
        case .measurementFailed(let detail): return "the measurement went wrong: \(detail)"
        }
    }
}

/// Runs `openssl speed` and reads its result lines.
enum OpenSSLSpeed {
    static func run(_ arguments: [String]) throws -> String {
        try Measure.output(of: URL(fileURLWithPath: "/usr/bin/env"), ["openssl"] + arguments).text
    }

    static func version() -> String {
        ((try? run(["version"])) ?? "openssl").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// sign/s and verify/s from the line ` 256 bits SM2 (CurveSM2)   0.0002s   0.0002s   4336.0   4764.0`.
    static func sm2(seconds: Int) throws -> (sign: Double, verify: Double) {
        let text = try run(["speed", "-seconds", "\(seconds)", "sm2"])
        guard let line = text.split(separator: "\n").first(where: { $0.contains("SM2 (") }) else {
            throw BenchError.openSSLOutput("no SM2 line in:\n\(text)")
        }
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        guard numbers.count >= 3 else { throw BenchError.openSSLOutput(String(line)) }
        return (numbers[numbers.count - 2], numbers[numbers.count - 1])
    }

    /// MB/s of `openssl speed -evp sm3 -bytes N` (one block size).
    static func sm3(seconds: Int, bytes: Int) throws -> Double {
        let text = try run(["speed", "-seconds", "\(seconds)", "-bytes", "\(bytes)", "-evp", "sm3"])
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sm3") }),
              let value = line.split(separator: " ").compactMap({ Double($0.replacingOccurrences(of: "k", with: "")) }).last
        else { throw BenchError.openSSLOutput("no sm3 line in:\n\(text)") }
        return value / 1000
    }

    /// MB/s of `openssl speed -evp sha256 -bytes N` (one block size).
    static func sha256(seconds: Int, bytes: Int) throws -> Double {
        let text = try run(["speed", "-seconds", "\(seconds)", "-bytes", "\(bytes)", "-evp", "sha256"])
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sha256") }),
              let value = line.split(separator: " ").compactMap({ Double($0.replacingOccurrences(of: "k", with: "")) }).last
        else { throw BenchError.openSSLOutput("no sha256 line in:\n\(text)") }
        return value / 1000
    }

    /// MB/s for 8192- and 16384-byte blocks from the `sm3` line (values in 1000s of bytes per second).
    static func sm3(seconds: Int) throws -> (mb8k: Double, mb16k: Double) {
        let text = try run(["speed", "-seconds", "\(seconds)", "-evp", "sm3"])
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sm3") }) else {
            throw BenchError.openSSLOutput("no sm3 line in:\n\(text)")
        }
        let numbers = line.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: "k", with: "")) }
        guard numbers.count >= 6 else { throw BenchError.openSSLOutput(String(line)) }
        return (numbers[4] / 1000, numbers[5] / 1000)
    }
}
