import ArgumentParser
import Foundation
import SealBundle
import SealCommandLine
import SealCrypto
import SealPKI
import SealUR

/// `sealfiling assemble`.
struct AssembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assemble",
        abstract: "Rebuild a bundle from its QR frames read as text (files of UR parts, or the parts themselves).",
        discussion: """
            Frames may come in any order, repeated or with some missing: the fountain code needs about as many as the bundle has fragments. sealfiling reads no images: give the frames as their UR text (frames.txt beside the frames, what a scanner app writes, or `zbarimg --raw -q frame-*.png > frames.txt`). A part of another bundle, a corrupted part or one that is not a UR part stops it (exit 1) naming the input; an incomplete set says how many fragments are still missing. With --qr-manifest (the manifest's DER, hex or Base64) and --anchor the rebuilt bundle's SM3 must be the one the signed manifest names (exit 2 otherwise), and nothing is written unless it is.

            Example:
              sealfiling assemble frames.txt --out filing-3b1f…-000002.zip --qr-manifest filing-3b1f…-000002.manifest --anchor station-ca.pem
            """)
    @Argument(help: "Text files with one UR part a line, or UR parts.") var inputs: [String]
    @Option(help: ArgumentHelp("Where to write the bundle (must not exist).", valueName: "FILE")) var out: String
    @Option(name: .customLong("qr-manifest"), help: ArgumentHelp("The bundle's filing manifest (DER, hex or Base64), to check the SM3 against.", valueName: "FILE"))
    var qrManifest: String?
    @Option(help: ArgumentHelp("The station CA that signed the manifest.", valueName: "STATION_CA")) var anchor: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give the frames to assemble") }
        if (qrManifest == nil) != (anchor == nil) { throw ValidationError("--qr-manifest and --anchor go together") }
    }

    struct Result: Encodable {
        var path: String
        var bytes: Int
        var sm3: String
        var fragments: Int
        var framesRead: Int
        var manifestChecked: Bool
    }

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw BundleArchiveError.destinationExists(out) }
        var assembler = URPartAssembler()
        var read = 0
        let bar = ProgressBar("fragments", enabled: !json)
        for input in inputs {
            try FrameTextInput.add(input, to: &assembler)
            read += 1
            if let total = assembler.progress.total { bar.update(assembler.progress.known, of: total) }
        }
        bar.finish()
        if !assembler.isComplete, !json, let total = assembler.progress.total {
            FileHandle.standardError.write(Data("read \(read) inputs: \(assembler.progress.known) of \(total) fragments\n".utf8))
        }
        let bundle = try assembler.resource()
        let sm3 = Hex.encode(try SM3.hash(bundle))
        if let qrManifest, let anchor {
            let manifest = try InputFiles.manifest(qrManifest)
            try manifest.verify(stationCA: try InputFiles.certificate(anchor))
            guard Hex.encode(manifest.info.bundleSM3) == sm3 else {
                let mismatch = FrameTextInput.AssemblyError.digestMismatch(expected: Hex.encode(manifest.info.bundleSM3), actual: sm3)
                FileHandle.standardError.write(Data("FAILED: \(mismatch)\n".utf8))
                throw ExitStatus.verificationFailed
            }
        }
        try ProtectedFile.write(bundle, to: out, mode: ProtectedFile.publicMode)
        let result = Result(path: out, bytes: bundle.count, sm3: sm3, fragments: assembler.progress.total ?? 1, framesRead: read,
                            manifestChecked: qrManifest != nil)
        try Output.emit(result, json: json) {
            [("bundle", out), ("bytes", String(bundle.count)), ("sm3", sm3), ("inputs read", String(read)),
             ("manifest", qrManifest == nil ? "not checked (give --qr-manifest and --anchor)" : "SM3 matches the signed manifest")]
        }
    }
}
