import ArgumentParser
import Foundation
import SealBundle
import SealCommandLine
import SealCrypto
import SealStation
import SealUR
import SealRegistry

/// `sealstation export`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a filing bundle (备案包) of everything since the last export, for a courier to carry.",
        discussion: """
            The bundle is a zipped BagIt 1.0 bag: every seal issued, changed or revoked and every use recorded since the last export (filing JSON, SES_Seal, PNG and SVG images, holder certificate), revocations, a fresh CRL of the station CA (data/crl/station-ca.crl, recorded like `crl issue`), the period's audit records and their head signed by the station CA, and the station and seal-maker certificates; SHA-256 and SM3 manifests and tag manifests; and signatures/tagmanifest-sm3.txt.p7s, a detached GB/T 35275 SignedData by the seal maker over tagmanifest-sm3.txt. Bundles are numbered and each names the SM3 of the previous one. Beside the bundle: its QR manifest (a signed summary, under 600 bytes, as .manifest DER, .qr.png at 600 dpi and .qr.svg in mm) and the A4 filing sheet (.sheet.pdf: the seals in a table and at true size, the QR manifest, handover signature lines). The export is recorded in the audit log and a checkpoint is signed. --qr-frames DIR also writes the bundle as animated QR frames for screen-to-camera transfer where USB media are banned: multipart Uniform Resources (ur:bytes, BCR-2020-005 fountain code, Bytewords), upper case so the symbols use alphanumeric mode, --fragment-size bytes a frame, the minimum number of frames plus --extra-frames, as frame-NNNNN.png, frames.txt and an index.html player (the directory must be new or empty; `bundle frames` makes them again from the bundle). A bundle holds at most --max-seals seals (default 5,000, about 950 MB of round seals); what is left goes into the next export.

            --to-recipient CERT (the receiving authority's SM2 encryption certificate, DER or PEM) writes the bundle only encrypted to it, as filing-….zip.p7e: a GB/T 35275 EnvelopedData (SM2 key transport to the certificate, SM4-CBC content). The plaintext bundle stays in memory; the QR manifest and the QR frames carry the encrypted file and name its SM3; the filing sheet shows counts and digests but no seal, holder or image; the audit record names the recipient. `sealfiling verify|import --decrypt-key KEY --decrypt-cert CERT` decrypts it.

            Examples:
              sealstation export --out /media/courier --officer 王经办 --passphrase-file wang.pass --station-passphrase-file station.pass
              sealstation export --out bundles --officer 王经办 --passphrase-file wang.pass --station-passphrase-file station.pass --qr-frames bundles/frames --frame-rate 5 --json
              sealstation export --out /media/courier --officer 王经办 --passphrase-file wang.pass --station-passphrase-file station.pass --to-recipient filing-authority-enc.pem
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Option(help: ArgumentHelp("The directory to write the bundle into.", valueName: "DIR")) var out: String
    @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE"))
    var stationPassphraseFile: String?
    @Option(name: .customLong("maker-pin-file"), help: ArgumentHelp("The PIN of the seal-maker's token, for stations whose maker key is on one.", valueName: "FILE"))
    var makerPinFile: String?
    @OptionGroup var token: TokenOptions
    @Option(name: .customLong("qr-frames"), help: ArgumentHelp("Also write the bundle as animated QR frames (UR fountain code) into DIR.", valueName: "DIR"))
    var qrFrames: String?
    @OptionGroup var frames: QRFrameOptions
    @Option(name: .customLong("max-seals"), help: "At most this many seals per bundle; the rest waits for the next export.")
    var maxSeals: Int = Station.defaultMaxSealsPerBundle
    @Option(name: .customLong("to-recipient"), help: ArgumentHelp("Encrypt the bundle to this SM2 certificate (DER or PEM) of the receiving authority.", valueName: "CERT"))
    var toRecipient: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if !(1...Station.maximumSealsPerBundle).contains(maxSeals) {
            throw ValidationError("--max-seals must be 1–\(Station.maximumSealsPerBundle) (a bundle holds at most \(BundleArchive.Limits.maximumMembers) files)")
        }
        if let qrFrames { try QRFrameOptions.checkNew(qrFrames) }
    }

    func run() throws {
        let recipient = try toRecipient.map { path in try InputFile.parse(path, as: .certificate) { try Certificate(derOrPEM: $0) } }
        let opened = try station.open(vendorProfiles: token.vendorProfiles)
        let officer = try acting.authenticate(opened, as: .operatorRole, to: "export filing bundles")
        // The bundle, its companions and the QR frames are written all or nothing, with the export's records.
        let bar = ProgressBar("writing QR frames", enabled: !json && qrFrames != nil)
        let export = try opened.exportBundle(
            by: officer, to: URL(fileURLWithPath: out),
            stationPassphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"),
            makerToken: token.makerStore(custody: opened.makerCustody, pinFile: makerPinFile), maxSeals: maxSeals,
            qrFrames: qrFrames.map {
                QRFramesRequest(directory: URL(fileURLWithPath: $0), fragmentSize: frames.fragmentSize, extraFrames: frames.extraFrames,
                                framesPerSecond: frames.frameRate) { bar.update($0, of: $1) }
            },
            recipient: recipient, now: Date())
        bar.finish()
        for leftover in export.removedLeftovers { FileHandle.standardError.write(Data("removed \(leftover), left by an interrupted run\n".utf8)) }
        let written = export.qrFrames.map { (directory: $0, count: export.frames ?? 0, seqLen: export.framesMinimum ?? 0) }
        try Output.emit(export, json: json) {
            [
                ("bundle", export.path), ("sequence", String(export.sequence)), ("sm3", export.sm3),
                ("encrypted", export.encryptedFor.map { "for \($0) (SM2, SM4-CBC); the bundle inside has SM3 \(export.bundleSM3 ?? "")" } ?? "no (--to-recipient CERT)"),
                ("previous", export.previousSM3 ?? "none (first bundle)"), ("bytes", String(export.bytes)),
                ("seals", String(export.seals)), ("uses", String(export.uses)), ("revocations", String(export.revocations)),
                ("audit records", "\(export.auditFirstSeq)–\(export.auditLastSeq)"),
                ("CRL", "number \(export.crlNumber), \(export.crlEntries) revoked certificates (data/crl/station-ca.crl)"),
                ("QR manifest", "\(export.qrPNGPath) (\(export.manifestBytes) bytes, QR version \(export.qrVersion)-M), .qr.svg, .manifest"),
                ("filing sheet", export.sheetPath),
                ("QR frames", written.map { "\($0.count) frames (any \($0.seqLen)+ rebuild the bundle) and index.html in \($0.directory)" } ?? "not written (--qr-frames DIR)"),
                ("remaining", export.remaining == 0 ? "nothing: the bundle is complete"
                    : "\(export.remaining) audit records past the \(maxSeals)-seal limit: run export again"),
            ]
        }
    }
}
