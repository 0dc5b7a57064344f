import Foundation
import SealPKI
import SealUR

/// Rebuilds a bundle from QR frames read as text — files of UR parts (one a line, as `frames.txt` or a scanner app
/// writes them) or the parts themselves — in any order and with frames missing. A part of another bundle, a corrupted
/// or malformed part stops it with an error naming the input: never a wrong bundle.
struct URPartAssembler {
    private var decoder = URDecoder()

    var isComplete: Bool { decoder.isComplete }
    /// Fragments known, of how many (nil before the first part).
    var progress: (known: Int, total: Int?) { decoder.progress }

    /// Feeds one input: a text file (one part a line) or a part string; an image is refused (sealfiling links no QR reader).
    mutating func add(_ input: String) throws {
        let parts: [String]
        if input.lowercased().hasPrefix("ur:") {
            parts = [input]
        } else {
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
            parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }
        // Every part is read, also after completion: a part of another bundle anywhere in the inputs is refused.
        for part in parts {
            do {
                _ = try decoder.receive(part.trimmingCharacters(in: .whitespaces))
            } catch {
                throw AssemblyError.frame(input, "\(error)")
            }
        }
    }

    /// The bundle bytes, once complete (the fountain's CRC-32 over the whole resource has matched).
    func bundle() throws -> [UInt8] {
        guard let resource = decoder.result else {
            let (known, total) = decoder.progress
            throw AssemblyError.incomplete(known: known, total: total)
        }
        do {
            return try resource.bytes()
        } catch {
            throw AssemblyError.frame("the assembled resource", "\(error)")
        }
    }

    /// Why frames could not be assembled.
    enum AssemblyError: Error, CustomStringConvertible {
        case unreadable(String)
        case frame(String, String)
        case incomplete(known: Int, total: Int?)
        case digestMismatch(expected: String, actual: String)

        var description: String {
            switch self {
            case .unreadable(let input): return "\(input) cannot be read"
            case .frame(let input, let reason): return "\(input): \(reason)"
            case .incomplete(let known, let total):
                return total.map { "incomplete: \(known) of \($0) fragments; scan more frames" } ?? "no frame could be read"
            case .digestMismatch(let expected, let actual):
                return "the assembled bundle's SM3 \(actual.prefix(16))… is not the manifest's \(expected.prefix(16))…"
            }
        }
    }
}
