import ArgumentParser
import Foundation
import SealCrypto
import SealPKI

extension BenchCommand {
    /// Revocation checking against a large CRL: loading it, and what a lookup adds to each verification.
    struct CRL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crl",
            abstract: "A 100,000-entry CRL: loading it (parse + its signature) in ms; a revocation check per verification vs one SM2 verify.",
            discussion: """
                The CRL is issued by an SM2 CA with --entries entries (random 20-byte serial numbers, reasons and
                revocation dates of every kind the station writes). Loading is CertificateRevocationList(derEncoded:)
                and its one signature check (SM2 over the whole TBSCertList), the best of --trials, in ms, against
                that signature check alone. The per-verification cost is RevocationChecker.status(of:issuedBy:) on a
                checker holding the loaded CRL (its signature already checked, as on every verification after the
                first) for holder certificates not listed and listed, against one SM2 verification of a 20-byte
                message through our wrapper (what `openssl speed sm2` verifies), all measured alternately in CPU time
                of this thread, in the same run. Goal: each lookup ratio under 0.05.

                Example:
                  Scripts/bench crl --entries 100000 --seconds 3
                """)

        @Option(help: "Entries on the CRL.") var entries = 100_000
        @Option(help: "Seconds for each part of the alternating per-verification measurement.") var seconds: Int = 3
        @Option(help: "Runs of the load measurement (the best is reported).") var trials: Int = 3
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1...1_000_000).contains(entries) else { throw ValidationError("--entries must be 1 to 1,000,000.") }
            guard seconds >= 1 else { throw ValidationError("--seconds must be at least 1.") }
            guard (1...20).contains(trials) else { throw ValidationError("--trials must be 1 to 20.") }
        }

        func run() throws {
            let now = Date()
            let bench = try BenchCA(subject: "/C=CN/O=bench/CN=bench CA", notBefore: now.addingTimeInterval(-86_400))
            let (ca, caKey) = (bench.certificate, bench.key)
            // Holders: the first half listed on the CRL, the second half not.
            let holderKey = try PrivateKey.generate(.sm2)
            let holders = try (0..<64).map { index in
                try bench.issue("/C=CN/O=bench/CN=holder \(index)", subjectKey: holderKey.publicKey)
            }
            let listedHolders = Array(holders[..<32]), unlistedHolders = Array(holders[32...])

            Measure.log(json, "issuing a CRL with \(entries) entries…")
            let reasons: [CRLReason?] = [.cessationOfOperation, .superseded, .keyCompromise, .affiliationChanged, nil]
            var list = listedHolders.map { RevokedCertificate(serialNumber: $0.serialNumber, revocationDate: now.addingTimeInterval(-3600), reason: .cessationOfOperation) }
            while list.count < entries {
                let index = list.count
                let reason = reasons[index % reasons.count]
                list.append(RevokedCertificate(
                    serialNumber: try CertificateTemplate.randomSerialNumber(), revocationDate: now.addingTimeInterval(-Double(index)),
                    reason: reason, invalidityDate: reason == .keyCompromise ? now.addingTimeInterval(-Double(index) - 86_400) : nil))
            }
            list = Array(list.prefix(entries))
            var issued: CertificateRevocationList?
            let issueSeconds = try Measure.seconds {
                issued = try CertificateRevocationList.issue(
                    issuer: ca, signer: caKey, number: [0x01, 0x00], thisUpdate: now.addingTimeInterval(-60),
                    nextUpdate: now.addingTimeInterval(7 * 86_400), entries: list)
            }
            let der = issued!.derEncoded

            Measure.log(json, "loading the \(der.count)-byte CRL \(trials) times…")
            func best(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
                var wall: [Double] = [], cpu: [Double] = []
                for _ in 0..<trials {
                    let cpuStart = Measure.threadCPUSeconds()
                    wall.append(try Measure.seconds(body))
                    cpu.append(Measure.threadCPUSeconds() - cpuStart)
                }
                return (wall.min()! * 1000, cpu.min()! * 1000)
            }
            var loaded: CertificateRevocationList?
            let load = try best {
                let crl = try CertificateRevocationList(derEncoded: der)
                guard try crl.isSignatureValid(under: ca.publicKey) else { throw BenchError.verifyFailed }
                loaded = crl
            }
            let crl = loaded!
            let signatureOnly = try best {
                guard try crl.isSignatureValid(under: ca.publicKey) else { throw BenchError.verifyFailed }
            }
            guard crl.entries.count == entries else { throw BenchError.measurementFailed("the CRL read back has \(crl.entries.count) entries") }

            // The checker as a verifier holds it: made once, the CRL's signature checked on the first status.
            let checker = RevocationChecker(crls: [crl], now: now)
            for holder in listedHolders {
                guard case .revoked = checker.status(of: holder, issuedBy: ca) else { throw BenchError.measurementFailed("a listed holder is not revoked") }
            }
            for holder in unlistedHolders {
                guard case .notRevoked = checker.status(of: holder, issuedBy: ca) else { throw BenchError.measurementFailed("an unlisted holder is not 'not revoked'") }
            }
            let message = try SecureRandom.bytes(count: 20)
            let signature = try holderKey.signature(for: message)
            let publicKey = holderKey.publicKey
            // A lookup takes well under a microsecond: each body does a batch, so the clock's own cost stays out.
            let batch = 64
            var sink = 0
            let parts: [() throws -> Void] = [
                { guard try publicKey.isValidSignature(signature, for: message) else { throw BenchError.verifyFailed } },
                {
                    for index in 0..<batch {
                        if case .notRevoked = checker.status(of: unlistedHolders[index & 31], issuedBy: ca) { sink &+= 1 }
                    }
                },
                {
                    for index in 0..<batch {
                        if case .revoked = checker.status(of: listedHolders[index & 31], issuedBy: ca) { sink &+= 1 }
                    }
                },
                {
                    for index in 0..<batch where crl.entry(for: unlistedHolders[index & 31]) == nil { sink &+= 1 }
                },
            ]
            Measure.log(json, "measuring an SM2 verify and revocation lookups alternately for \(parts.count * seconds) s…")
            let spent = try Measure.alternating(for: Double(seconds * parts.count), parts)
            guard sink > 0 else { throw BenchError.measurementFailed("no lookup answered") }
            let verifyMicro = spent[0].cpuSeconds / Double(spent[0].count) * 1e6
            let micro = spent.dropFirst().map { $0.cpuSeconds / Double($0.count * batch) * 1e6 }
            let share = spent.map(\.cpuSeconds).reduce(0, +) / spent.map(\.wallSeconds).reduce(0, +)
            Measure.log(json, """
                the \(entries)-entry CRL is \(der.count) bytes; issuing it took \(String(format: "%.0f", issueSeconds * 1000)) ms \
                (wall); loading it \(String(format: "%.1f", load.cpu)) ms of CPU (\(String(format: "%.1f", load.wall)) ms wall), \
                best of \(trials). Our thread got \(Int((share * 100).rounded())) % of a core\(share < 0.9 ? " (a busy machine)" : "").
                """)

            let verifyName = "an SM2 verify (20 bytes)"
            let figures = [
                BenchFigure(name: "load: parse + signature", unit: "ms", ours: load.cpu, reference: signatureOnly.cpu),
                BenchFigure(name: "status, not listed", unit: "µs", ours: micro[0], reference: verifyMicro),
                BenchFigure(name: "status, listed", unit: "µs", ours: micro[1], reference: verifyMicro),
                BenchFigure(name: "entry(for:) alone", unit: "µs", ours: micro[2], reference: verifyMicro),
            ]
            try BenchReport(seconds: seconds, reference: "load: the CRL's signature check alone; lookups: \(verifyName)", figures: figures)
                .print(json: json)
        }
    }
}
