public import Foundation
import Dispatch
public import SealCrypto
public import SealPKI
import SealSES

/// Verifies a filing bundle the way an online system must before trusting it, one stage after the other and stopping
/// at the first structural failure (each stage in `Stages/`, each reporting one ``BundleCheck``): archive safety and
/// canonical form, BagIt completeness and both manifests, the layout and bag-info, the station (its id is the SM3 of
/// the carried CA, or the pinned anchor), the detached SignedData by the seal maker, the audit records (chain, signed
/// head, and that they account for every seal and use filed), then every seal (SES_Seal signature and chains, filed
/// fields against the seal) in parallel, and last the images, through the ``BundleImageCheck`` given.
public struct BundleVerifier: Sendable {
    /// The station CA to require; nil takes the bundle's own CA (reported as not anchored).
    public var anchor: Certificate?
    /// The comparison of the filed images with redrawn ones; nil skips it (reported).
    public var imageCheck: (any BundleImageCheck)?
    public var limits: BundleArchive.Limits
    /// Called with (seals verified, seals) as the seal checks progress.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Why images are not compared when there is no ``imageCheck``, in the caller's terms.
    public var imagesSkipped: String
    /// CRLs to look the seal maker up in at the bundle's creation (with the bundle's own CRL); nil for none.
    public var revocation: RevocationChecker?
    /// The recipient key that decrypts encrypted bundles (`filing-….zip.p7e`); nil refuses them, naming their recipient.
    public var decryption: BundleDecryption?

    /// - Parameters:
    ///   - anchor: the station CA to require; nil takes the CA the bundle carries.
    ///   - imageCheck: how filed images are compared with redrawn ones (`SealBundleRender.RedrawImageCheck`); nil
    ///     skips the images.
    ///   - limits: the archive's size limits.
    ///   - progress: called with (seals verified, seals).
    ///   - imagesSkipped: why images are not compared when `imageCheck` is nil.
    ///   - revocation: CRLs to look the seal maker up in (`--crl`); nil for none.
    public init(anchor: Certificate? = nil, imageCheck: (any BundleImageCheck)? = nil, limits: BundleArchive.Limits = .init(),
                progress: (@Sendable (Int, Int) -> Void)? = nil, imagesSkipped: String = "no template directory given",
                revocation: RevocationChecker? = nil) {
        self.anchor = anchor
        self.imageCheck = imageCheck
        self.limits = limits
        self.progress = progress
        self.imagesSkipped = imagesSkipped
        self.revocation = revocation
    }

    /// A verified bundle: its report and, when valid, its parsed contents.
    public struct Outcome: Sendable {
        public internal(set) var report: BundleVerificationReport
        /// The contents, only when the report is valid.
        public internal(set) var bundle: FilingBundle?
        public internal(set) var stationCertificate: Certificate?
    }

    /// Verifies the bundle file at `url`; problems are in the report, never thrown. A file in canonical form is read
    /// once, member by member (``BundleArchive/readCanonical(_:limits:)``), and a seal's own files are left in it,
    /// read again by the seal's checks and its import (the file must not change until the outcome is imported: a
    /// change is refused); any other is read whole through ZIPFoundation to say what it holds.
    public func verify(_ url: URL) -> Outcome {
        Self.startsEnveloped(url) ? verifyEnvelope(at: url) : verifyFile(url)
    }

    /// Verifies the bundle (ZIP) file at `url`.
    func verifyFile(_ url: URL) -> Outcome {
        do {
            if let canonical = try BundleArchive.readCanonical(url, limits: limits) {
                var outcome = verify(files: canonical.members, digests: canonical.digests, report: emptyReport(name: url.lastPathComponent))
                outcome.report.sm3 = canonical.sm3
                outcome.report.checks.insert(Self.archivePassed(members: canonical.members.count), at: 0)
                return outcome
            }
            return verify(data: try BundleArchive.load(url, limits: limits), name: url.lastPathComponent, archiveURL: url)
        } catch {
            var report = emptyReport(name: url.lastPathComponent)
            report.checks.append(BundleCheck.archive.failed("\(error)"))
            return Outcome(report: report, bundle: nil, stationCertificate: nil)
        }
    }

    /// Verifies bundle bytes.
    public func verify(data: Data, name: String) -> Outcome {
        if BundleEnvelope.looksEnveloped(data) { return verifyEnvelope(Array(data), name: name) }
        return verify(data: data, name: name, archiveURL: nil)
    }

    /// Verifies bundle bytes, read from `archiveURL` when they are a file's.
    func verify(data: Data, name: String, archiveURL: URL?) -> Outcome {
        var report = emptyReport(name: name)
        let files: [BagItBag.File]
        do {
            files = try BundleArchive.readMembers(data: data, archiveURL: archiveURL, name: name, limits: limits)
        } catch {
            report.sm3 = (try? Hex.encode(SM3.hash(data))) ?? ""
            report.checks.append(BundleCheck.archive.failed("\(error)"))
            return Outcome(report: report, bundle: nil, stationCertificate: nil)
        }
        // The bundle's SM3 (what the next bundle names) and the canonical-form check run beside the other stages.
        final class Background: @unchecked Sendable {
            var sm3 = ""
            var archive = BundleCheck.archive.failed("not checked")
        }
        let background = Background()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            background.sm3 = (try? Hex.encode(SM3.hash(data))) ?? ""
            background.archive = Self.checkArchive(files, data: data)
        }
        var outcome = verify(files: files.map(BundleMember.init), report: report)
        group.wait()
        outcome.report.sm3 = background.sm3
        outcome.report.checks.insert(background.archive, at: 0)
        // Refused when not canonical; the later stages have said whether the content itself was changed.
        if background.archive.status == .failed { outcome.bundle = nil }
        return outcome
    }

    /// Every stage after the archive's, on its members (whose digests are `digests` when the reader computed them).
    private func verify(files: [BundleMember], digests known: [String: [DigestAlgorithm: String]]? = nil, report initial: BundleVerificationReport) -> Outcome {
        var report = initial
        func stop() -> Outcome { Outcome(report: report, bundle: nil, stationCertificate: nil) }

        let bagit = Self.checkBagIt(files, digests: known)
        report.checks.append(bagit.check)
        guard let digests = bagit.value else { return stop() }

        let layout = Self.checkLayout(files)
        report.checks.append(layout.check)
        guard let bundle = layout.value else { return stop() }
        report.info = bundle.info

        let stationStage = checkStation(bundle)
        report.checks.append(stationStage.check)
        guard let station = stationStage.value else { return stop() }

        let structural: [() -> VerificationReport.Check] = [
            { Self.checkSignature(files, station: station) },
            { Self.checkAuditChain(bundle) },
            { Self.checkAuditHead(bundle, station: station) },
            { Self.checkPeriod(bundle) },
        ]
        for stage in structural {
            let check = stage()
            report.checks.append(check)
            guard check.status == .passed else { return stop() }
        }

        let carried = Self.readCRL(bundle)
        report.checks.append(Self.checkCRL(bundle, carried: carried, station: station))
        if let revocation { report.checks.append(checkMakerRevocation(bundle, carried: carried, station: station, revocation: revocation)) }

        let notComparable = imageCheck?.notComparable(bundle.rendering)
        let seals = checkSeals(bundle, digests: digests, station: station, notComparable: notComparable)
        report.seals = seals.value ?? []
        report.checks.append(seals.check)
        report.checks.append(checkImages(report.seals, notComparable: notComparable))
        return Outcome(report: report, bundle: report.isValid ? bundle : nil, stationCertificate: station.certificate)
    }

    /// The report before any check, named `name`.
    func emptyReport(name: String) -> BundleVerificationReport {
        BundleVerificationReport(bundle: name, sm3: "", info: nil, anchored: anchor != nil, trust: anchor == nil ? .stationInBundle : .anchor,
                                 checks: [], seals: [])
    }
}
