import Foundation
import SealPKI
import SealUR

/// The QR frames `assemble` takes, read as text: files of UR parts (one a line, as `frames.txt` or a scanner app
/// writes them) or the parts themselves. Images are refused with the command that turns them into text: sealfiling
/// links no QR reader.
enum FrameTextInput {
    /// Feeds `input` to `assembler`.
    static func add(_ input: String, to assembler: inout URPartAssembler) throws {
        if input.lowercased().hasPrefix("ur:") {
            try assembler.add(parts: [input], from: input)
            return
        }
        // A regular file of at most 16 MiB, checked before anything is read (a device or pipe would never end).
        let data: [UInt8]
        do {
            data = try ProtectedFile.read(input, limit: 16 << 20)
        } catch SealPKIError.fileAccess(_, let reason) {
            throw AssemblyError.unreadable("\(input) (\(reason))")
        }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            throw FilingCLIError.imageInput(
                path: input, what: "the frames as text, one UR part a line (frames.txt beside the frames, or `zbarimg --raw -q frame-*.png > frames.txt`)")
        }
        try assembler.add(text: data, from: input)
    }

    /// Why `assemble` stopped besides the parts themselves.
    enum AssemblyError: Error, CustomStringConvertible {
        case unreadable(String)
        case digestMismatch(expected: String, actual: String)

        var description: String {
            switch self {
            case .unreadable(let input): return "\(input) cannot be read"
            case .digestMismatch(let expected, let actual):
                return "the assembled bundle's SM3 \(actual.prefix(16))… is not the manifest's \(expected.prefix(16))…"
            }
        }
    }
}
