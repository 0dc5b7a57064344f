import ArgumentParser
import Foundation
import SealCrypto
import SealFonts
import SealOFD
import SealPKI

/// `sealstation ofd …`: OFD documents (GB/T 33190) made on the station.
struct OFDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ofd",
        abstract: "Make OFD documents (GB/T 33190) to stamp, for users without an OFD editor.",
        subcommands: [FromText.self])
}

extension OFDCommand {
    /// `sealstation ofd from-text`: a simple A4 OFD of a UTF-8 text file, the Song face embedded.
    struct FromText: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-text",
            abstract: "Write a simple A4 OFD from a UTF-8 text file, with the Song face (AR PL UMing) embedded.",
            discussion: """
                Lines are wrapped by the real advances of the face (CJK text breaks between any two characters, Latin text at spaces) on A4 pages with 25 mm margins; a form feed starts a new page. The subset of the face the text uses is embedded (Doc_0/Res/font_1.ttf), so every reader draws the same glyphs. At most 1 MiB of text and 500 pages. The file is written 0644 and never overwrites an existing file unless --force is given.

                Example:
                  sealstation ofd from-text contract.txt --out contract.ofd --title 采购合同
                """)

        @Argument(help: ArgumentHelp("The UTF-8 text file.", valueName: "FILE.txt"))
        var input: String

        @Option(help: ArgumentHelp("The OFD file to create.", valueName: "DOC.ofd"))
        var out: String

        @Option(help: ArgumentHelp("A title, centred on the first page and written as the document's Title.", valueName: "TITLE"))
        var title: String?

        @Flag(help: "Replace DOC.ofd if it exists.")
        var force = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        struct Result: Encodable {
            var path: String
            var pages: Int
            var bytes: Int
            var sm3: String
            var font: String
            var fontBytes: Int
        }

        func run() throws {
            let size = (try? FileManager.default.attributesOfItem(atPath: input))?[.size] as? Int ?? 0
            if size > OFDTextDocument.maximumTextBytes {
                throw OFDTextError.textTooLarge(bytes: size, limit: OFDTextDocument.maximumTextBytes)
            }
            let text = try ProtectedFile.read(input, limit: OFDTextDocument.maximumTextBytes)
            if !force, FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let face = try FontSource.songTrueType.open()
            let document = try OFDTextDocument(text: text, face: face, info: OFDDocInfo(title: title))
            let bytes = try document.package()
            try Self.write(bytes, to: out, replacing: force)
            let fontBytes = document.members.first { $0.path == OFDTextDocument.fontPath }?.bytes.count ?? 0
            let result = Result(
                path: out, pages: document.pages.count, bytes: bytes.count, sm3: Hex.encode(try SM3.hash(bytes)), font: face.familyName,
                fontBytes: fontBytes)
            if json {
                print(try Output.json(result))
            } else {
                print(Output.table([
                    ("file", result.path), ("pages", String(result.pages)), ("bytes", String(result.bytes)), ("SM3", result.sm3),
                    ("font", "\(result.font) (subset, \(result.fontBytes) bytes)"),
                ]))
            }
        }

        /// Writes `bytes` 0644 at `path`; with `replacing`, an existing file is replaced in one rename (never left
        /// half-written).
        static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws {
            guard replacing, FileManager.default.fileExists(atPath: path) else {
                try ProtectedFile.write(bytes, to: path, mode: ProtectedFile.publicMode)
                return
            }
            let directory = (path as NSString).deletingLastPathComponent
            let staged = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).new"
            try ProtectedFile.write(bytes, to: staged, mode: ProtectedFile.publicMode)
            guard rename(staged, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(staged)
                throw SealPKIError.fileAccess(path: path, reason: reason)
            }
        }
    }
}
