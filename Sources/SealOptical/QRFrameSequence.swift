public import Foundation
import SealBundle
import SealCrypto
public import SealPKI
import SealRender
import SealUR

/// A bundle as an animated sequence of QR frames for screen-to-camera transfer: the bundle file as a multipart
/// `ur:bytes` resource (BCR-2020-005 fountain code), each part upper-cased so the QR symbol uses alphanumeric mode,
/// `seqLen` pure parts followed by `extraFrames` mixed ones; any large enough subset rebuilds the bundle.
public struct QRFrameSequence: Sendable {
    /// The UR part strings, upper case, in order.
    public let parts: [String]
    /// Fragments of the bundle: the fewest frames that can carry it.
    public let seqLen: Int
    public let fragmentLength: Int

    /// Default fragment size in bytes.
    public static let defaultFragmentSize = 250

    /// The frames of `bundle`: `seqLen` + `extraFrames` parts.
    public init(bundle: [UInt8], fragmentSize: Int = QRFrameSequence.defaultFragmentSize, extraFrames: Int? = nil) throws {
        var encoder = try UREncoder(UniformResource(bytes: bundle), maxFragmentLength: fragmentSize)
        guard encoder.seqLen <= FountainPart.maximumSeqLen, (0...FountainPart.maximumSeqLen).contains(extraFrames ?? 0) else {
            throw URError.invalidPart(
                "the bundle needs \(encoder.seqLen) frames of \(encoder.fragmentLength) bytes; at most \(FountainPart.maximumSeqLen) are read back (use a larger fragment size or carry it on media)")
        }
        seqLen = encoder.seqLen
        fragmentLength = encoder.fragmentLength
        let count = encoder.isSinglePart ? 1 : seqLen + (extraFrames ?? Self.defaultExtraFrames(seqLen: seqLen))
        parts = (0..<count).map { _ in encoder.nextPart().uppercased() }
    }

    /// Extra fountain frames by default: as many again as the minimum. A receiver that misses a fifth of the frames
    /// needs about 1.7 times the minimum from the first frame (`Scripts/bench qr`), so one loop of the player is
    /// enough; BCR-2020-005's degree distribution is what UR scanners expect, though mixed frames alone need about
    /// 2.7 times the minimum.
    public static func defaultExtraFrames(seqLen: Int) -> Int { seqLen }

    /// The file names the frames are written as: `frame-00001.png`…, then `frames.txt` and `index.html`.
    public var fileNames: [String] {
        let digits = max(5, String(parts.count).count)
        let frames = (0..<parts.count).map { offset in
            "frame-" + String(repeating: "0", count: max(0, digits - String(offset + 1).count)) + "\(offset + 1).png"
        }
        return frames + ["frames.txt", "index.html"]
    }

    /// The files and new directories writing the frames into `directory` makes, for ``StagedFiles``.
    /// - Throws: `BundleArchiveError.destinationExists` when `directory` exists and is not empty.
    public func destinations(in directory: URL) throws -> (files: [String], newDirectories: [String]) {
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: directory.path), !contents.isEmpty {
            throw BundleArchiveError.destinationExists(directory.path)
        }
        return (fileNames.map { directory.appendingPathComponent($0).path }, StagedFiles.missingDirectories(for: directory.path))
    }

    /// Renders the frames into `staged` (which must have been made with ``destinations(in:)``); `progress` is called
    /// with (frames written, frames).
    public func stage(into staged: StagedFiles, directory: URL, framesPerSecond: Double = 4, pixelsPerModule: Int = 4,
                      progress: ((Int, Int) -> Void)? = nil) throws {
        let names = fileNames
        for (index, part) in parts.enumerated() {
            try staged.write(try QRCodeImage(text: part).png(pixelsPerModule: pixelsPerModule, dpi: 96),
                             to: directory.appendingPathComponent(names[index]).path, mode: ProtectedFile.secretMode, durable: false)
            progress?(index + 1, parts.count)
        }
        try staged.write(Array((parts.joined(separator: "\n") + "\n").utf8),
                         to: directory.appendingPathComponent("frames.txt").path, mode: ProtectedFile.secretMode)
        try staged.write(Array(Self.player(frames: Array(names.prefix(parts.count)), framesPerSecond: framesPerSecond, seqLen: seqLen).utf8),
                         to: directory.appendingPathComponent("index.html").path, mode: ProtectedFile.secretMode)
    }

    /// Writes `frame-00001.png`… (`pixelsPerModule` pixels a module), `frames.txt` (one part a line) and `index.html`,
    /// which plays the frames in a loop at `framesPerSecond`, into `directory`, which must be new or empty: all or
    /// nothing, staged beside it and moved into place whole (see ``StagedFiles``). `progress` is called with
    /// (frames written, frames).
    public func write(to directory: URL, framesPerSecond: Double = 4, pixelsPerModule: Int = 4,
                      progress: ((Int, Int) -> Void)? = nil) throws -> [URL] {
        let (files, newDirectories) = try destinations(in: directory)
        let staged = try StagedFiles(destinations: files, newDirectories: newDirectories)
        try stage(into: staged, directory: directory, framesPerSecond: framesPerSecond, pixelsPerModule: pixelsPerModule, progress: progress)
        try staged.commit()
        return files.map { URL(fileURLWithPath: $0) }
    }

    /// A self-contained page that loops the frames (no network: the station is air-gapped).
    static func player(frames: [String], framesPerSecond: Double, seqLen: Int) -> String {
        let list = frames.map { "\"\($0)\"" }.joined(separator: ",")
        let interval = Int((1000 / max(0.1, framesPerSecond)).rounded())
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>SealStation 备案包光学传输</title>
            <style>body{margin:0;background:#fff;font:16px sans-serif;text-align:center}img{width:min(90vw,90vh);image-rendering:pixelated}</style>
            </head><body>
            <p id="status"></p><img id="frame" alt="QR frame">
            <p>\(frames.count) frames (the bundle needs any \(seqLen) or a few more), \(framesPerSecond) per second, looping.
            Scan with any UR-capable scanner and rebuild the bundle from the parts with <code>sealfiling assemble</code>.</p>
            <script>
            const frames=[\(list)];let i=0;
            const img=document.getElementById("frame"),status=document.getElementById("status");
            function show(){img.src=frames[i];status.textContent=(i+1)+" / "+frames.length;i=(i+1)%frames.length;}
            show();setInterval(show,\(interval));
            </script></body></html>

            """
    }
}
