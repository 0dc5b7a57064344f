import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealSES

extension BenchCommand {
    /// Seals verified and made per second against `openssl speed sm2`.
    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Seals verified/s vs `openssl speed sm2` verify/s; seals made/s vs sign/s.",
            discussion: """
                One core. "verify" is the whole check of `sealstation seal verify` on a reused verifier: parse the
                seal, the maker's SM2 signature over SES_SealInfo, the maker chain to the station CA (its signatures
                are cached across seals, validity is not), validity window, picture and holder list. "make" builds,
                signs and encodes a seal. Both are measured with a 4 KiB picture (an SVG) and a 32 KiB picture (a
                600-dpi PNG); the SM3 of the picture is part of what the maker signs. Goal: verify ratio ≥ 0.9.

                Rates are per second of CPU time, as `openssl speed` reports them (it divides by its user time; we
                divide by our user and system time): on a busy machine a wall-clock rate of ours against openssl's
                CPU-time rate reads far too low. Each round measures ours and then runs `openssl speed`; the ratio
                is the median of the rounds' ratios. Last, the parts of one 4 KiB-picture verification are measured
                alternately in one process (parse, maker signature, SM3 of the signed bytes, the other checks, and
                our SM2 verify of the 20 bytes `openssl speed` verifies), which shows where the time goes even
                when the machine is busy.

                Example:
                  Scripts/bench seal --seconds 3 --rounds 3
                """)

        @Option(help: "Seconds per measurement (as `openssl speed -seconds`).")
        var seconds: Int = 3

        @Option(help: "Rounds, each measuring ours and then `openssl speed`; the ratio is the median of theirs.")
        var rounds = 3

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let now = Date()
            let bench = try BenchCA(subject: "/CN=bench CA", notBefore: now.addingTimeInterval(-60))
            let ca = bench.certificate
            let makerKey = try PrivateKey.generate(.sm2), holderKey = try PrivateKey.generate(.sm2)
            let maker = try bench.issue("/CN=制章人", subjectKey: makerKey.publicKey)
            let holder = try bench.issue("/CN=合同专用章", subjectKey: holderKey.publicKey)

            func request(pictureBytes: Int) throws -> SealMakingRequest {
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
                return SealMakingRequest(
                    esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holder],
                    createDate: now, validStart: now, validEnd: now.addingTimeInterval(86_400 * 300),
                    picture: SealPicture(type: "PNG", data: png + (try SecureRandom.bytes(count: pictureBytes - png.count)), widthMM: 42, heightMM: 42))
            }

            struct Case {
                let name: String
                let isVerify: Bool
                let body: () throws -> Void
            }
            var cases: [Case] = []
            var breakdownSubject: (seal: ElectronicSeal, verifier: SealVerifier)? = nil
            for size in [4096, 32768] {
                let sealRequest = try request(pictureBytes: size)
                let seal = try SealMaker.make(sealRequest, makerKey: makerKey, makerCertificate: maker)
                let verifier = SealVerifier(trust: .anchors([ca]))
                guard verifier.verify(seal, at: now).isValid else { throw BenchError.verifyFailed }
                if size == 4096 { breakdownSubject = (seal, verifier) }
                cases.append(Case(name: "seal verify, \(size / 1024) KiB picture", isVerify: true) {
                    let parsed = try ElectronicSeal(derEncoded: seal.derEncoded)
                    guard verifier.verify(parsed, at: now).isValid else { throw BenchError.verifyFailed }
                })
                cases.append(Case(name: "seal make, \(size / 1024) KiB picture", isVerify: false) {
                    _ = try SealMaker.make(sealRequest, makerKey: makerKey, makerCertificate: maker)
                })
            }
            // Rounds alternate ours and `openssl speed`, so a change of load in between affects both sides alike.
            var ours: [[Throughput]] = Array(repeating: [], count: cases.count)
            var references: [(sign: Double, verify: Double)] = []
            for round in 1...rounds {
                for (index, item) in cases.enumerated() {
                    Measure.log(json, "round \(round)/\(rounds): measuring \(item.name) for \(seconds) s…")
                    ours[index].append(try Measure.throughput(for: Double(seconds), item.body))
                }
                Measure.log(json, "round \(round)/\(rounds): running openssl speed -seconds \(seconds) sm2…")
                references.append(try OpenSSLSpeed.sm2(seconds: seconds))
            }
            var figures: [BenchFigure] = []
            for (index, item) in cases.enumerated() {
                let referenceRates = references.map { item.isVerify ? $0.verify : $0.sign }
                let roundRatios = zip(ours[index], referenceRates).map { $0.perCPUSecond / $1 }
                var figure = BenchFigure(
                    name: item.name, unit: "seals/s", ours: Self.median(ours[index].map(\.perCPUSecond)),
                    reference: Self.median(referenceRates))
                figure.ratio = Self.median(roundRatios)
                figure.roundRatios = roundRatios
                figures.append(figure)
            }
            Measure.log(json, "measuring the parts of a seal verification (4 KiB picture) alternately for \(6 * seconds) s…")
            let breakdown = try SealVerifyBreakdown.measure(
                seal: breakdownSubject!.seal, verifier: breakdownSubject!.verifier, makerKey: makerKey, at: now,
                seconds: Double(seconds))
            let share = ours.joined().map(\.cpuSeconds).reduce(0, +) / ours.joined().map(\.wallSeconds).reduce(0, +)
            Measure.log(json, """
                rates are per second of CPU time, as openssl speed reports them; the ratio is the median of \(rounds) \
                rounds' ratios. Our thread got \(Int((share * 100).rounded())) % of a core\(share < 0.9 ? " (a busy machine)" : "").
                """)
            var report = BenchReport(seconds: seconds, reference: OpenSSLSpeed.version(), figures: figures)
            report.sealVerifyBreakdown = breakdown
            try report.print(json: json)
            if !json {
                print("")
                breakdown.lines(referenceVerifyPerSecond: Self.median(references.map(\.verify))).forEach { print($0) }
            }
        }

        func validate() throws {
            guard seconds >= 1 else { throw ValidationError("--seconds must be at least 1 (openssl speed's smallest).") }
            guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be 1 to 20.") }
        }

        private static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }
}
