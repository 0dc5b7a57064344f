import Foundation
import SealPKI
import SealCrypto
import SealRender
import SealUR

/// Rebuilds a bundle from scanned QR frames — PNG images, text files of UR parts, or the parts themselves — in any
/// order and with frames missing. A frame of another bundle, a corrupted frame or a malformed one stops it with an
/// error naming the frame: never a wrong bundle.
public struct BundleAssembler: Sendable {
    private var decoder = URDecoder()

    public init() {}

    public var isComplete: Bool { decoder.isComplete }
    /// Fragments known, of how many (nil before the first frame).
    public var progress: (known: Int, total: Int?) { decoder.progress }

    /// Feeds one input: a PNG file (every QR code in it), a text file (one part a line) or a part string.
    /// - Throws: `BundleAssemblyError` naming the input.
    public mutating func add(_ input: String) throws {
        let parts: [String]
        if input.lowercased().hasPrefix("ur:") {
            parts = [input]
        } else {
            // A regular file of at most 16 MiB, checked before anything is read (a device or pipe would never end).
            let data: [UInt8]
            do {
                data = try ProtectedFile.read(input, limit: 16 << 20)
            } catch SealPKIError.fileAccess(_, let reason) {
                throw BundleAssemblyError.unreadable("\(input) (\(reason))")
            }
            if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
                let payloads: [[UInt8]]
                do {
                    payloads = try QRCodeReader.decode(png: data)
                } catch {
                    throw BundleAssemblyError.frame(input, "\(error)")
                }
                guard !payloads.isEmpty else { throw BundleAssemblyError.frame(input, "no QR code found") }
                parts = payloads.map { String(decoding: $0, as: UTF8.self) }
            } else {
                parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
            }
        }
        // Every part is read, also after completion: a part of another bundle anywhere in the inputs is refused.
        for part in parts {
            do {
                try decoder.receive(part.trimmingCharacters(in: .whitespaces))
            } catch {
                throw BundleAssemblyError.frame(input, "\(error)")
            }
        }
    }

    /// The bundle bytes, once complete (the fountain's CRC-32 over the whole resource has matched).
    public func bundle() throws -> [UInt8] {
        guard let resource = decoder.result else {
            let (known, total) = decoder.progress
            throw BundleAssemblyError.incomplete(known: known, total: total)
        }
        do {
            return try resource.bytes()
        } catch {
            throw BundleAssemblyError.frame("the assembled resource", "\(error)")
        }
    }
}
