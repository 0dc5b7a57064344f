import ArgumentParser
import Foundation
import GRDB
import SealCrypto
@_spi(Fixtures) import SealRegistry
import SealRender
import SealStation

extension BenchCommand {
    /// Registry latency with a million seals, and issue throughput against raw SM2 signing.
    struct Registry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Query latency with 1,000,000 seals (goal p99 < 5 ms) and issue throughput vs SM2 sign/s.",
            discussion: """
                Generates the seals directly into a fresh registry (not by issuing; small placeholder blobs), then times
                `query --credit-code` and the first page of `list --state issued` through the station API, and finally
                issues real seals end to end (apply, approve, issue: image, holder key, certificate, seal, files,
                registry row) for --seconds, as a ratio to `openssl speed sm2` sign/s.

                Example:
                  Scripts/bench registry --seals 1000000 --seconds 10
                """)

        @Option(help: "Seals to generate.") var seals: Int = 1_000_000
        @Option(help: "Seconds of issuing.") var seconds: Int = 10
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let now = Date()
            let bench = try BenchStation(name: "registry", templates: templates, now: now)
            defer { bench.remove() }
            let (station, clerk, approver) = (bench.station, bench.clerk, bench.approver)
            let secret = BenchStation.secret, fast = BenchStation.keyEncryption

            // 1. A million seals, 100,000 units with ten seals each, 90 % issued.
            Measure.log(json, "generating \(seals) seals…")
            let generation = try ContinuousClock().measure { try bench.generateSeals(seals, now: now) }
            Measure.log(json, "generated in \(generation)")

            func percentiles(_ samples: [Double]) -> (p50: Double, p99: Double) {
                let sorted = samples.sorted()
                return (sorted[sorted.count / 2], sorted[Int(Double(sorted.count) * 0.99)])
            }
            func time(_ body: () throws -> Void) rethrows -> Double {
                let start = ContinuousClock.now
                try body()
                let spent = ContinuousClock.now - start
                return (Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18) * 1000
            }
            var generator = SystemRandomNumberGenerator()
            var queryTimes: [Double] = []
            for _ in 0..<2000 {
                let code = BenchStation.creditCode(unit: Int.random(in: 0..<(seals / 10), using: &generator))
                var found = 0
                queryTimes.append(try time { found = try station.seals(.init(creditCode: code)).count })
                guard found == 10 else { throw BenchError.measurementFailed("query found \(found) seals, expected 10") }
            }
            var listTimes: [Double] = []
            for _ in 0..<500 { listTimes.append(try time { _ = try station.seals(.init(state: .issued, limit: 50)) }) }
            let query = percentiles(queryTimes), list = percentiles(listTimes)

            // 2. Issue throughput, end to end.
            Measure.log(json, "issuing seals for \(seconds) s…")
            let issueRate = try Measure.rate(for: Double(seconds)) {
                let record = try station.apply(by: clerk, SealApplication(
                    unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "round-42", reason: "bench"), now: Date())
                _ = try station.approve(by: approver, applicationID: record.id!, note: nil, now: Date())
                _ = try station.issue(by: clerk, applicationID: record.id!, stationPassphrase: secret(), holderPassphrase: secret(),
                                      keyEncryption: fast, now: Date())
            }
            let sign = try OpenSSLSpeed.sm2(seconds: 3).sign
            struct Report: Encodable {
                var seals: Int
                var queryByCreditCodeMS: [String: Double]
                var listIssuedFirstPageMS: [String: Double]
                var issuedPerSecond: Double
                var sm2SignPerSecond: Double
                var issueRatio: Double
            }
            let report = Report(
                seals: seals, queryByCreditCodeMS: ["p50": query.p50, "p99": query.p99], listIssuedFirstPageMS: ["p50": list.p50, "p99": list.p99],
                issuedPerSecond: issueRate, sm2SignPerSecond: sign, issueRatio: issueRate / sign)
            if json {
                try Measure.printJSON(report)
            } else {
                print("registry with \(seals) seals")
                print(String(format: "query --credit-code        p50 %.3f ms   p99 %.3f ms   (goal p99 < 5 ms)", query.p50, query.p99))
                print(String(format: "list --state issued page 1 p50 %.3f ms   p99 %.3f ms", list.p50, list.p99))
                print(String(format: "issue end to end           %.2f seals/s vs %.1f SM2 sign/s (openssl speed) = ratio %.5f", issueRate, sign, issueRate / sign))
            }
        }
    }
}
