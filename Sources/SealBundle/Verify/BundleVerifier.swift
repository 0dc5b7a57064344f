public import Foundation
import Dispatch
import SealASN1
public import SealCrypto
import SealPKI
import SealAudit
public import SealRender
import SealSES

/// Verifies a filing bundle the way an online system must before trusting it, stopping at the first structural
/// failure: archive safety and canonical form, BagIt completeness and both manifests, the layout and bag-info, the
/// station (its id is the SM3 of the carried CA, or the pinned anchor), the detached SignedData by the seal maker,
/// the audit records (chain, signed head, and that they account for every seal and use filed), then every seal
/// (SES_Seal signature and chains, filed fields against the seal, images) in parallel.
public struct BundleVerifier: Sendable {
    /// The station CA to require; nil takes the bundle's own CA (reported as not anchored).
    public var anchor: Certificate?
    /// The templates to redraw images with; nil skips the image comparison (reported).
    public var templates: TemplateLibrary?
    public var limits: BundleArchive.Limits
    /// Called with (seals verified, seals) as the seal checks progress.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(anchor: Certificate? = nil, templates: TemplateLibrary? = nil, limits: BundleArchive.Limits = .init(),
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.anchor = anchor
        self.templates = templates
        self.limits = limits
        self.progress = progress
    }

    /// A verified bundle: its report and, when valid, its parsed contents.
    public struct Outcome: Sendable {
        public internal(set) var report: BundleVerificationReport
        /// The contents, only when the report is valid.
        public internal(set) var bundle: FilingBundle?
        public internal(set) var stationCertificate: Certificate?
    }

    /// Verifies the bundle file at `url`; problems are in the report, never thrown.
    public func verify(_ url: URL) -> Outcome {
        do {
            return verify(data: try BundleArchive.load(url, limits: limits), name: url.lastPathComponent, archiveURL: url)
        } catch {
            var report = BundleVerificationReport(bundle: url.lastPathComponent, sm3: "", info: nil, anchored: anchor != nil, trust: anchor == nil ? .stationInBundle : .anchor, checks: [], seals: [])
            report.record("archive", .failed, "\(error)")
            return Outcome(report: report, bundle: nil, stationCertificate: nil)
        }
    }

    /// Verifies bundle bytes.
    public func verify(data: Data, name: String) -> Outcome {
        verify(data: data, name: name, archiveURL: nil)
    }

    /// Verifies bundle bytes, read from `archiveURL` when they are a file's.
    func verify(data: Data, name: String, archiveURL: URL?) -> Outcome {
        var report = BundleVerificationReport(bundle: name, sm3: "", info: nil, anchored: anchor != nil, trust: anchor == nil ? .stationInBundle : .anchor, checks: [], seals: [])
        let files: [BagItBag.File]
        do {
            files = try BundleArchive.readMembers(data: data, archiveURL: archiveURL, name: name, limits: limits)
        } catch {
            report.sm3 = (try? Hex.encode(SM3.hash(data))) ?? ""
            report.record("archive", .failed, "\(error)")
            return Outcome(report: report, bundle: nil, stationCertificate: nil)
        }
        // The bundle's SM3 (what the next bundle names) and the canonical-form check run beside the other checks.
        final class Background: @unchecked Sendable {
            var sm3 = ""
            var canonical: Result<Bool, any Error> = .success(false)
        }
        let background = Background()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            background.sm3 = (try? Hex.encode(SM3.hash(data))) ?? ""
            background.canonical = Result { try BundleArchive.isCanonical(files, data: data) }
        }
        var outcome = verify(files: files, report: report)
        group.wait()
        outcome.report.sm3 = background.sm3
        let archive: BundleVerificationReport.Check
        switch background.canonical {
        case .success(true):
            archive = .init(id: "archive", status: .passed, detail: "\(files.count) members, safe paths, canonical form")
        case .success(false):
            // Refused; the later checks have said whether the content itself was changed.
            archive = .init(id: "archive", status: .failed,
                            detail: "\(BundleArchiveError.notCanonical); its SM3 is not the bundle's the station recorded")
        case .failure(let error):
            archive = .init(id: "archive", status: .failed, detail: "\(error)")
        }
        outcome.report.checks.insert(archive, at: 0)
        if archive.status == .failed { outcome.bundle = nil }
        return outcome
    }

    /// Every check after the archive's, on its members.
    private func verify(files: [BagItBag.File], report initial: BundleVerificationReport) -> Outcome {
        var report = initial
        func stop() -> Outcome { Outcome(report: report, bundle: nil, stationCertificate: nil) }

        let digests: [String: [DigestAlgorithm: String]]
        do {
            digests = try BagItValidation.validate(files)
            try BagItValidation.checkCanonicalForm(files, digests: digests)
            report.record("bagit", .passed, "BagIt 1.0; manifest-sha256, manifest-sm3, tagmanifest-sha256 and tagmanifest-sm3 all match, in canonical form")
        } catch {
            report.record("bagit", .failed, "\(error)")
            return stop()
        }
        let bundle: FilingBundle
        do {
            bundle = try FilingBundle(files: files)
            report.info = bundle.info
            report.record("layout", .passed, "bag-info fields, Payload-Oxum and every data file as SealStation writes them")
        } catch {
            report.record("layout", .failed, "\(error)")
            return stop()
        }

        // The station: its id is its CA's SM3; a pinned anchor must be that CA.
        let station: Certificate, maker: Certificate
        do {
            station = try Certificate(derEncoded: bundle.stationCertificate)
            maker = try Certificate(derEncoded: bundle.makerCertificate)
        } catch {
            report.record("station", .failed, "a carried certificate does not parse: \(error)")
            return stop()
        }
        guard Hex.encode(station.fingerprint) == bundle.info.stationID else {
            report.record("station", .failed, "Station-Id \(bundle.info.stationID) is not the SM3 of the carried station CA certificate")
            return stop()
        }
        if let anchor, anchor.derEncoded != station.derEncoded {
            report.record("station", .failed, "the bundle's station CA (\(station.subject)) is not the anchor given (\(anchor.subject))")
            return stop()
        }
        let cache = VerificationCache()
        let stationChain = CertificateChainVerifier(trustAnchors: [station], cache: cache)
        let makerResult = stationChain.verify(maker, at: bundle.info.created)
        guard makerResult.isValid else {
            report.record("station", .failed, "the seal-maker certificate does not chain to the station CA: \(makerResult.problems.map(\.description).joined(separator: "; "))")
            return stop()
        }
        report.record("station", .passed, "\(bundle.info.stationName): CA \(station.subject)" + (anchor == nil ? " (taken from the bundle, not pinned)" : " (the pinned anchor)"))

        // The detached signature over tagmanifest-sm3.txt, by the seal maker.
        do {
            guard let signature = files.first(where: { $0.path == FilingBundle.signaturePath }) else {
                throw FilingBundleError.missingFile(FilingBundle.signaturePath)
            }
            guard let tagManifest = files.first(where: { $0.path == "tagmanifest-sm3.txt" }) else {
                throw FilingBundleError.missingFile("tagmanifest-sm3.txt")
            }
            let verification = try DetachedSignedData.verify(signature.bytes, content: tagManifest.bytes, anchors: [station])
            guard verification.signer.derEncoded == maker.derEncoded else {
                throw FilingBundleError.inconsistent("the SignedData is signed by \(verification.signer.subject), not the station's seal maker")
            }
            // A DER SET OF: compared as a set.
            let carried = verification.certificates.map(\.derEncoded)
            guard carried.count == 2, Set(carried) == [maker.derEncoded, station.derEncoded] else {
                throw FilingBundleError.inconsistent("the SignedData does not carry exactly the seal-maker and station CA certificates")
            }
            report.record("signature", .passed, "SignedData over tagmanifest-sm3.txt by \(maker.subject), SM2 with ID 1234567812345678")
        } catch {
            report.record("signature", .failed, "\(error)")
            return stop()
        }

        // The audit records of the period: the chain, its signed head, and what they account for.
        let auditSteps: [(id: String, run: () throws -> String)] = [
            ("audit-chain", {
                try Self.checkAuditChain(bundle)
                return "records \(bundle.info.auditFirstSeq)–\(bundle.info.auditLastSeq) chain by SM3"
            }),
            ("audit-head", {
                try Self.checkAuditHead(bundle, station: station, maker: maker)
                return "head \(bundle.auditHead.seq) signed by the station CA, which names the seal maker as this bundle's signer"
            }),
            ("period", {
                try Self.checkPeriod(bundle)
                return "\(bundle.seals.count) seals and \(bundle.uses.count) uses, each accounted for by the audit records"
            }),
        ]
        for step in auditSteps {
            do {
                report.record(step.id, .passed, try step.run())
            } catch {
                report.record(step.id, .failed, "\(error)")
                return stop()
            }
        }

        // Every seal, in parallel.
        let renderCheck = RenderCheck(templates: templates, provenance: bundle.rendering)
        report.seals = verifySeals(bundle, digests: digests, station: station, maker: maker, cache: cache, renderCheck: renderCheck)
        let bad = report.seals.filter { !$0.isValid }.count
        report.record("seals", bad == 0 ? .passed : .failed,
                      bad == 0 ? "\(report.seals.count) seals verified" : "\(bad) of \(report.seals.count) seals failed")
        let compared = report.seals.filter { $0.image.status == .match }.count
        let differing = report.seals.filter { $0.image.status == .differs }.count
        if templates == nil {
            report.record("images", .skipped, "not redrawn (no template directory given)")
        } else if let reason = renderCheck.notComparable.first {
            report.record("images", .skipped, "not redrawn: \(reason)")
        } else if compared == 0 && differing == 0 {
            let reason = report.seals.first { $0.image.status == .notCompared }?.image.detail ?? "no seals"
            report.record("images", .skipped, "none redrawn: \(reason)")
        } else {
            report.record("images", differing == 0 ? .passed : .failed,
                          "\(compared) redrawn identically" + (differing > 0 ? ", \(differing) differ" : ""))
        }
        return Outcome(report: report, bundle: report.isValid ? bundle : nil, stationCertificate: station)
    }

    // MARK: - Audit

    static func checkAuditChain(_ bundle: FilingBundle) throws {
        let records = bundle.auditRecords
        guard let first = records.first, first.seq == bundle.info.auditFirstSeq, records.last?.seq == bundle.info.auditLastSeq,
              records.count == Int(bundle.info.auditLastSeq - bundle.info.auditFirstSeq + 1)
        else {
            throw FilingBundleError.inconsistent(
                "data/audit/records.json does not hold exactly records \(bundle.info.auditFirstSeq)–\(bundle.info.auditLastSeq)")
        }
        guard let firstRecord = first.record else {
            throw FilingBundleError.inconsistent("audit record \(first.seq) is out of sequence or has a malformed hash")
        }
        if firstRecord.seq == 1, firstRecord.prevHash != AuditChain.genesis {
            throw FilingBundleError.inconsistent("audit record 1 does not start the chain")
        }
        // The period continues a chain the online side has seen (or starts it): its first record follows whatever
        // hash it names; the rest must chain from there.
        var chain = try AuditChainVerifier(firstSeq: first.seq, previousHash: firstRecord.prevHash)
        for (offset, filed) in records.enumerated() {
            guard filed.seq == bundle.info.auditFirstSeq + Int64(offset), let record = filed.record else {
                throw FilingBundleError.inconsistent("audit record \(filed.seq) is out of sequence or has a malformed hash")
            }
            try chain.check(record)
        }
        if let problem = chain.finish().firstProblem {
            throw FilingBundleError.inconsistent("data/audit/records.json: \(problem)")
        }
        guard records.first?.time == bundle.info.periodStart, records.last?.time == bundle.info.periodEnd else {
            throw FilingBundleError.inconsistent("bag-info Period-Start/Period-End are not the times of the first and last audit records")
        }
    }

    /// The head of the period's records is signed by the station CA, and so is the binding that names the seal maker
    /// allowed to sign this bundle (the SignedData alone would accept any certificate the CA issued).
    static func checkAuditHead(_ bundle: FilingBundle, station: Certificate, maker: Certificate) throws {
        let head = bundle.auditHead
        guard head.seq == bundle.info.auditLastSeq, head.hash == bundle.auditRecords.last?.hash,
              let hash = Hex.decode(head.hash), let signature = Hex.decode(head.signature)
        else { throw FilingBundleError.inconsistent("data/audit/head.json is not the head of the period's records") }
        guard (try? station.publicKey.isValidSignature(signature, for: AuditChain.checkpointMessage(seq: head.seq, hash: Data(hash)))) == true else {
            throw FilingBundleError.inconsistent("the audit head's signature does not verify under the station CA key")
        }
        guard head.makerSM3 == Hex.encode(maker.fingerprint) else {
            throw FilingBundleError.inconsistent("the seal-maker certificate is not the one the station CA names for this bundle")
        }
        guard let message = AuditHeadFiling.bindingMessage(stationID: bundle.info.stationID, sequence: bundle.info.sequence, makerSM3: head.makerSM3),
              let binding = Hex.decode(head.binding),
              (try? station.publicKey.isValidSignature(binding, for: message)) == true
        else { throw FilingBundleError.inconsistent("the station CA's binding of bundle \(bundle.info.sequence) to its seal maker does not verify") }
    }

    /// The audit records account for every filed seal and use, and the bag-info counts match them.
    static func checkPeriod(_ bundle: FilingBundle) throws {
        var issued: [Int64: [String: String]] = [:], changed = Set<Int64>(), revoked: [Int64: (time: String, details: [String: String])] = [:]
        var signatures: [String] = [], signed: [String: [String: String]] = [:]
        for record in bundle.auditRecords {
            let id = AuditObject(record.object).sealID
            let details = AuditDetails.values(record.details) ?? [:]
            switch AuditAction(rawValue: record.action) {
            case .sealIssue: if let id { issued[id] = details }
            case .sealSupersede: if let id { changed.insert(id) }
            case .sealRevoke: if let id { revoked[id] = (record.time, details) }
            case .useSign:
                if let sm3 = details["signatureSM3"] {
                    signatures.append(sm3)
                    signed[sm3] = details
                }
            default: break
            }
        }
        let info = bundle.info
        guard info.sealsIssued == issued.count, info.sealsChanged == changed.count, info.sealsRevoked == revoked.count,
              info.uses == signatures.count
        else {
            throw FilingBundleError.inconsistent(
                "bag-info counts (issued \(info.sealsIssued), changed \(info.sealsChanged), revoked \(info.sealsRevoked), uses \(info.uses)) "
                    + "are not the audit records' (\(issued.count), \(changed.count), \(revoked.count), \(signatures.count))")
        }
        let filed = Dictionary(bundle.seals.map { ($0.filing.stationSealID, $0.filing) }, uniquingKeysWith: { first, _ in first })
        guard filed.count == bundle.seals.count else { throw FilingBundleError.inconsistent("two filed seals share a station seal id") }
        let named = Set(issued.keys).union(changed).union(revoked.keys)
        if let missing = named.subtracting(filed.keys).sorted().first {
            throw FilingBundleError.inconsistent("the audit records name seal:\(missing), which is not filed")
        }
        if let extra = Set(filed.keys).subtracting(named).sorted().first {
            throw FilingBundleError.inconsistent("seal \(filed[extra]!.esID) is filed but no audit record of the period names it")
        }
        for (id, details) in issued {
            let filing = filed[id]!
            guard details["esID"] == filing.esID, details["sealSM3"] == filing.sealSM3,
                  details["holderCertificateSM3"] == filing.holderCertificateSM3
            else {
                throw FilingBundleError.inconsistent("seal \(filing.esID) is not the seal its issue record names (esID, seal or holder certificate SM3 differ)")
            }
        }
        for id in changed where !["superseded", "revoked"].contains(filed[id]!.state) {
            throw FilingBundleError.inconsistent("seal \(filed[id]!.esID) was superseded in the period but is filed as \(filed[id]!.state)")
        }
        let revocations = Dictionary(bundle.revocations.map { ($0.esID, $0) }, uniquingKeysWith: { first, _ in first })
        guard revocations.count == bundle.revocations.count, Set(revocations.keys) == Set(revoked.keys.compactMap { filed[$0]?.esID }) else {
            throw FilingBundleError.inconsistent("data/revocations.json does not list exactly the seals revoked in the period")
        }
        for (id, record) in revoked {
            let filing = filed[id]!
            guard filing.state == "revoked", let revocation = revocations[filing.esID], filing.revokedAt == revocation.revokedAt,
                  filing.revokeReason == revocation.reason, record.details["reason"] == revocation.reason,
                  Self.sameSecond(record.time, revocation.revokedAt)
            else {
                throw FilingBundleError.inconsistent("the revocation of \(filing.esID) differs from its filing or from its audit record")
            }
        }
        guard signatures.sorted() == bundle.uses.map(\.signatureSM3).sorted() else {
            throw FilingBundleError.inconsistent("data/uses.json does not list exactly the uses the audit records name")
        }
        for use in bundle.uses {
            let details = signed[use.signatureSM3] ?? [:]
            guard details["documentSM3"] == use.documentSM3, details["document"] == use.documentName else {
                throw FilingBundleError.inconsistent("the use with signature \(use.signatureSM3.prefix(16))… differs from its audit record")
            }
        }
    }

    /// Whether the audit time text and `date` fall in the same second.
    static func sameSecond(_ text: String, _ date: Date) -> Bool {
        guard let parsed = ISO8601DateFormatter().date(from: text) else { return false }
        return Int(parsed.timeIntervalSince1970) == Int(date.timeIntervalSince1970)
    }

    // MARK: - Seals

    func verifySeals(
        _ bundle: FilingBundle, digests: [String: [DigestAlgorithm: String]], station: Certificate, maker: Certificate, cache: VerificationCache,
        renderCheck: RenderCheck
    ) -> [BundleVerificationReport.SealResult] {
        let seals = bundle.seals
        let results = ResultBox(count: seals.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, seals.count))
        let sealVerifier = SealVerifier(trust: .anchors([station]))
        let holderChain = CertificateChainVerifier(trustAnchors: [station], cache: nil)
        let progress = self.progress
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let renderer = renderCheck.canRender ? try? SealRenderer() : nil
            var index = worker
            while index < seals.count {
                let result = Self.verify(seals[index], digests: digests, maker: maker, sealVerifier: sealVerifier, holderChain: holderChain,
                                         renderCheck: renderCheck, renderer: renderer)
                let done = results.set(index, result)
                if let progress, done % 64 == 0 || done == seals.count { progress(done, seals.count) }
                index += workers
            }
        }
        return results.values
    }

    /// One seal: its files against the SM3s its filing names (the digests BagIt validation computed), the
    /// SES_Seal against the filing, the maker's signature and chain, the holder certificate and its chain, the image.
    static func verify(
        _ entry: FilingBundle.SealEntry, digests: [String: [DigestAlgorithm: String]], maker: Certificate, sealVerifier: SealVerifier,
        holderChain: CertificateChainVerifier, renderCheck: RenderCheck, renderer: SealRenderer?
    ) -> BundleVerificationReport.SealResult {
        let filing = entry.filing
        var problems: [String] = []
        for (name, expected) in [("seal.sel", filing.sealSM3), ("seal.png", filing.pngSM3), ("seal.svg", filing.svgSM3),
                                 ("holder-cert.der", filing.holderCertificateSM3)]
        where digests["data/seals/\(filing.esID)/\(name)"]?[.sm3] != expected {
            problems.append("\(name) does not match its SM3 in filing.json")
        }
        do {
            let seal = try ElectronicSeal(derEncoded: entry.sealDER)
            if seal.esID != filing.esID { problems.append("the SES_Seal's esID is \(seal.esID), filed as \(filing.esID)") }
            if seal.name != filing.name { problems.append("the SES_Seal's name is \(seal.name), filed as \(filing.name)") }
            if Int(seal.validStart.timeIntervalSince1970) != Int(filing.validFrom.timeIntervalSince1970)
                || Int(seal.validEnd.timeIntervalSince1970) != Int(filing.validTo.timeIntervalSince1970) {
                problems.append("the SES_Seal's validity differs from the filed validity")
            }
            if seal.typeCode != (filing.kind == .unit ? 1 : 2) { problems.append("the SES_Seal's type \(seal.typeCode) is not a \(filing.kind.rawValue) seal") }
            if seal.picture.data != entry.png { problems.append("seal.png is not the SES_Seal's picture") }
            if seal.makerCertificate != maker.derEncoded { problems.append("the SES_Seal is not made by the bundle's seal maker") }
            let report = sealVerifier.verify(seal, at: seal.validStart)
            for failure in report.failures { problems.append("\(failure.id): \(failure.detail)") }
            if !seal.holderCertificates.contains(entry.holderCertificate) {
                problems.append("holder-cert.der is not in the SES_Seal's certificate list")
            }
            let holder = try Certificate(derEncoded: entry.holderCertificate)
            let chain = holderChain.verify(holder, at: seal.createDate)
            if !chain.isValid { problems.append("holder certificate: \(chain.problems.map(\.description).joined(separator: "; "))") }
        } catch {
            problems.append("seal.sel: \(error)")
        }
        let image = renderCheck.compare(entry, renderer: renderer)
        if image.status == .differs { problems.append("image: \(image.detail)") }
        return BundleVerificationReport.SealResult(esID: filing.esID, name: filing.name, state: filing.state, problems: problems, image: image)
    }
}

/// Results written by index from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [BundleVerificationReport.SealResult?]
    private var done = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores a result; returns how many are stored.
    func set(_ index: Int, _ result: BundleVerificationReport.SealResult) -> Int {
        lock.withLock {
            slots[index] = result
            done += 1
            return done
        }
    }

    var values: [BundleVerificationReport.SealResult] { lock.withLock { slots.compactMap { $0 } } }
}
