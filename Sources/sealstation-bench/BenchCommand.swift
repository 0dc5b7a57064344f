import ArgumentParser
import Foundation
import SealCrypto

/// `sealstation-bench`: throughput of SealStation's building blocks as ratios to a reference measured in the same run.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealstation-bench",
        abstract: "Benchmarks, each reported as a ratio to its reference measured in the same run.",
        discussion: """
            Run through Scripts/bench, which builds in release mode first.

            Example:
              Scripts/bench crypto --seconds 3
            """,
        subcommands: [Crypto.self])
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
                distinguishing ID 1234567812345678 set. Goal: both SM2 ratios ≥ 0.9.

                Example:
                  Scripts/bench crypto --seconds 3 --json
                """)

        @Option(help: "Seconds per measurement (as `openssl speed -seconds`).")
        var seconds: Int = 3

        @Flag(help: "Print the result as JSON.")
        var json = false

        struct Figure: Encodable {
            var name: String
            var unit: String
            var ours: Double
            var reference: Double
            var ratio: Double
        }

        struct Report: Encodable {
            var seconds: Int
            var openssl: String
            var figures: [Figure]
        }

        func run() throws {
            let duration = Double(seconds)
            let key = try PrivateKey.generate(.sm2)
            let message = try SecureRandom.bytes(count: 20)
            let signature = try key.signature(for: message)
            log("measuring our SM2 sign for \(seconds) s…")
            let signRate = try rate(for: duration) { _ = try key.signature(for: message) }
            log("measuring our SM2 verify for \(seconds) s…")
            let verifyRate = try rate(for: duration) {
                guard try key.publicKey.isValidSignature(signature, for: message) else { throw BenchError.verifyFailed }
            }
            let block8k = try SecureRandom.bytes(count: 8192), block16k = try SecureRandom.bytes(count: 16384)
            log("measuring our SM3 for \(2 * seconds) s…")
            let sm3Rate8k = try rate(for: duration) { _ = try SM3.hash(block8k) } * 8192 / 1e6
            let sm3Rate16k = try rate(for: duration) { _ = try SM3.hash(block16k) } * 16384 / 1e6

            log("running openssl speed -seconds \(seconds) sm2…")
            let sm2Reference = try OpenSSLSpeed.sm2(seconds: seconds)
            log("running openssl speed -seconds \(seconds) -evp sm3…")
            let sm3Reference = try OpenSSLSpeed.sm3(seconds: seconds)

            let figures = [
                Figure(name: "SM2 sign", unit: "sign/s", ours: signRate, reference: sm2Reference.sign, ratio: signRate / sm2Reference.sign),
                Figure(name: "SM2 verify", unit: "verify/s", ours: verifyRate, reference: sm2Reference.verify,
                       ratio: verifyRate / sm2Reference.verify),
                Figure(name: "SM3 8 KiB blocks", unit: "MB/s", ours: sm3Rate8k, reference: sm3Reference.mb8k, ratio: sm3Rate8k / sm3Reference.mb8k),
                Figure(name: "SM3 16 KiB blocks", unit: "MB/s", ours: sm3Rate16k, reference: sm3Reference.mb16k,
                       ratio: sm3Rate16k / sm3Reference.mb16k),
            ]
            let report = Report(seconds: seconds, openssl: OpenSSLSpeed.version(), figures: figures)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print("reference: \(report.openssl), \(seconds) s per measurement, one thread")
                let header = pad("measurement", 20) + pad("ours", 14) + pad("openssl speed", 15) + "ratio"
                print(header)
                for figure in figures {
                    print(pad(figure.name, 20) + pad(format(figure.ours, figure.unit), 14)
                          + pad(format(figure.reference, figure.unit), 15) + String(format: "%.3f", figure.ratio))
                }
            }
        }

        private func format(_ value: Double, _ unit: String) -> String {
            String(format: "%.1f ", value) + unit
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
        }

        private func log(_ text: String) {
            if !json { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        }

        /// Operations per second of `body` over about `duration` seconds.
        private func rate(for duration: Double, _ body: () throws -> Void) throws -> Double {
            let clock = ContinuousClock()
            let start = clock.now
            var count = 0
            var elapsed: Double = 0
            repeat {
                for _ in 0..<16 { try body() }
                count += 16
                let spent = clock.now - start
                elapsed = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
            } while elapsed < duration
            return Double(count) / elapsed
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case verifyFailed
    case openSSLOutput(String)

    var description: String {
        switch self {
        case .verifyFailed: return "a signature made in the benchmark did not verify"
        case .openSSLOutput(let detail): return "could not read `openssl speed` output: \(detail)"
        }
    }
}

/// Runs `openssl speed` and reads its result lines.
enum OpenSSLSpeed {
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
