import ArgumentParser
import Foundation
import SealBundle
import SealBundleRender
import SealCommandLine
import SealCrypto
import SealOptical
import SealPKI
import SealRender
import SealUR
import SealResources
import SealSES

/// `sealstation bundle`: the station's own exports — verify one (redrawing its images) and send one as QR frames.
/// The online side (import, query, assemble) is the separate program `sealfiling`.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Verify the station's filing bundles and write them as QR frames (the online side is `sealfiling`).",
        discussion: """
            Examples:
              sealstation bundle verify filing-3b1f…-000001.zip --anchor station-ca.pem
              sealstation bundle frames filing-3b1f…-000001.zip --out frames-1
            """,
        subcommands: [BundleVerifyCommand.self, BundleFramesCommand.self])
}

/// How bundles are verified: the pinned station CA and the templates to redraw images with.
struct BundleVerificationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The station CA certificate (DER or PEM) or CA directory to require.", valueName: "STATION_CA"))
    var anchor: String?

    @Option(help: ArgumentHelp("The template directory to redraw images with.", valueName: "DIR"))
    var templates: String?

    @Flag(name: .customLong("no-redraw"), help: "Do not redraw the seal images (faster; signatures and digests are still checked).")
    var noRedraw = false

    @OptionGroup var revocation: RevocationOptions

    func verifier(progress: ProgressBar?) throws -> BundleVerifier {
        let anchorCertificate = try anchor.map { try loadCertificates([$0])[0] }
        let imageCheck: RedrawImageCheck? = noRedraw
            ? nil : RedrawImageCheck(templates: try TemplateLibrary(directory: DataResolver.current.templates(flag: templates)))
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done, of: total) } }
        return BundleVerifier(anchor: anchorCertificate, imageCheck: imageCheck, progress: report, revocation: try revocation.checker(now: Date()))
    }
}

/// `sealstation bundle verify`.
struct BundleVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a filing bundle: archive, BagIt manifests, signature, audit records, every seal and image.",
        discussion: """
            Checks, stopping at the first structural failure: archive safety (no absolute paths, '..', links, duplicates, oversized members or unknown files) and canonical form; BagIt 1.0 with both manifests and tag manifests; bag-info and layout; the station (its id is the SM3 of its CA; --anchor pins it); the SignedData by the seal maker over tagmanifest-sm3.txt; the audit records' chain, their signed head, and that they account for every seal and use; the station CA's CRL the bundle carries (signed by the CA, listing every revoked and changed seal's holder certificate and no valid one's, not the seal maker); then every seal (SES_Seal signature and chains, filed fields) and its image redrawn from the filed fields (only where this machine's template and fonts are the station's; otherwise it says what differs). Exit 0 valid, 2 invalid, 1 unreadable.

            Trust is always chosen: --anchor STATION_CA pins the station, or --trust-station-in-bundle takes the CA the bundle carries, which shows only that the bundle is consistent with itself; the report says which (text and JSON "trust"). --qr-manifest FILE (with --anchor) also checks that a scanned QR manifest is signed by the station CA and names this bundle (SM3, sequence, predecessor, seal count, creation time). --crl FILE (repeatable) also looks the seal maker up at the bundle's creation on newer CRLs of the station (a bundle signed by a maker revoked before it does not verify); --require-crl makes a missing status a failure.

            Examples:
              sealstation bundle verify filing-3b1f…-000002.zip --anchor station-ca.pem
              sealstation bundle verify filing-3b1f…-000002.zip --anchor station-ca.pem --qr-manifest scan.png --json --no-redraw
              sealstation bundle verify filing-3b1f…-000002.zip --trust-station-in-bundle
            """)
    @Argument(help: "The bundle file.") var bundle: String
    @OptionGroup var options: BundleVerificationOptions
    @Flag(name: .customLong("trust-station-in-bundle"),
          help: "Trust the station CA carried in the bundle instead of pinning one with --anchor (checks self-consistency only).")
    var trustStationInBundle = false
    @Option(name: .customLong("qr-manifest"), help: ArgumentHelp("A QR manifest (PNG scan, DER, hex or Base64) that must describe this bundle.", valueName: "FILE"))
    var qrManifest: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        try BundleTrustChoice.validate(anchor: options.anchor, trustStationInBundle: trustStationInBundle, qrManifest: qrManifest)
    }

    func run() throws {
        let manifest = try qrManifest.map { try FilingManifestInput.read(path: $0) }
        let bar = ProgressBar("verifying seals", enabled: !json)
        let outcome = try options.verifier(progress: bar).verify(URL(fileURLWithPath: bundle))
        bar.finish()
        var report = outcome.report
        if let manifest { report.checkManifest(manifest, stationCA: outcome.stationCertificate) }
        try emitBundleReport(report, json: json)
    }
}

/// Prints a bundle verification report and fails with exit code 2 unless it is valid.
func emitBundleReport(_ report: BundleVerificationReport, json: Bool) throws {
    print(json ? try Output.json(report) : BundleReportText.lines(report).joined(separator: "\n"))
    if !report.isValid { throw ExitStatus.verificationFailed }
}

/// How QR frames are made: fragment size, extra frames, player rate.
struct QRFrameOptions: ParsableArguments {
    @Option(name: .customLong("fragment-size"), help: "Bytes of the bundle per QR frame.") var fragmentSize: Int = QRFrameSequence.defaultFragmentSize
    @Option(name: .customLong("extra-frames"), help: "Fountain frames beyond the minimum (default: as many as the minimum).") var extraFrames: Int?
    @Option(name: .customLong("frame-rate"), help: "Frames per second in the player page.") var frameRate: Double = 4

    func validate() throws {
        if fragmentSize < FountainEncoder.minimumFragmentLength || fragmentSize > 1500 {
            throw ValidationError("--fragment-size must be 10–1500 bytes (a frame holds about twice that in letters)")
        }
        if let extraFrames, !(0...FountainPart.maximumSeqLen).contains(extraFrames) {
            throw ValidationError("--extra-frames must be 0–\(FountainPart.maximumSeqLen)")
        }
        if !(0.1...60).contains(frameRate) { throw ValidationError("--frame-rate must be 0.1–60 frames per second") }
    }

    /// Refuses a frames directory that exists and is not empty, before any work is done.
    static func checkNew(_ directory: String) throws {
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: directory), !contents.isEmpty {
            throw ValidationError("\(directory) is not empty; QR frames go into a new or empty directory")
        }
    }

    /// Writes `bundle`'s frames into `directory`; returns (frames, minimum).
    func write(bundle: [UInt8], to directory: String, json: Bool) throws -> (count: Int, seqLen: Int) {
        let sequence = try QRFrameSequence(bundle: bundle, fragmentSize: fragmentSize, extraFrames: extraFrames)
        let bar = ProgressBar("writing QR frames", enabled: !json)
        _ = try sequence.write(to: URL(fileURLWithPath: directory), framesPerSecond: frameRate) { bar.update($0, of: $1) }
        bar.finish()
        return (sequence.parts.count, sequence.seqLen)
    }
}

/// `sealstation bundle frames`.
struct BundleFramesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Write an exported bundle as animated QR frames (as export --qr-frames does) into a new directory.",
        discussion: """
            Multipart Uniform Resources (ur:bytes, BCR-2020-005 fountain code, Bytewords), upper case so QR uses alphanumeric mode: frame-NNNNN.png, frames.txt and a looping index.html player.

            Example:
              sealstation bundle frames filing-3b1f…-000002.zip --out frames-2 --frame-rate 5
            """)
    @Argument(help: "The bundle file.") var bundle: String
    @Option(help: ArgumentHelp("A new or empty directory for the frames.", valueName: "DIR")) var out: String
    @OptionGroup var frames: QRFrameOptions
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws { try QRFrameOptions.checkNew(out) }

    struct Result: Encodable {
        var directory: String
        var frames: Int
        var minimum: Int
    }

    func run() throws {
        let bytes = try Array(BundleArchive.load(URL(fileURLWithPath: bundle)))
        let written = try frames.write(bundle: bytes, to: out, json: json)
        let result = Result(directory: out, frames: written.count, minimum: written.seqLen)
        try Output.emit(result, json: json) {
            [("frames", "\(written.count) in \(out) (any \(written.seqLen) or a few more rebuild the bundle)"), ("player", "\(out)/index.html")]
        }
    }
}
