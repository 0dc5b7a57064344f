import Foundation
import SealPKI
import SealCrypto
import SealRender
import SealUR

/// Rebuilds a bundle from scanned QR frames — PNG images, text files of UR parts, or the parts themselves — in any
/// order and with frames missing. A frame of another bundle, a corrupted frame or a malformed one stops it with an
/// error naming the frame: never a wrong bundle.
public struct BundleAssembler: Sendable {
    private var parts = URPartAssembler()

    public init() {}

    public var isComplete: Bool { parts.isComplete }
    /// Fragments known, of how many (nil before the first frame).
    public var progress: (known: Int, total: Int?) { parts.progress }

    /// Feeds one input: a PNG file (every QR code in it), a text file (one part a line) or a part string.
    /// - Throws: `BundleAssemblyError` naming the input.
    public mutating func add(_ input: String) throws {
        do {
            if input.lowercased().hasPrefix("ur:") {
                try parts.add(parts: [input], from: input)
                return
            }
            // A regular file of at most 16 MiB, checked before anything is read (a device or pipe would never end).
            let data: [UInt8]
            do {
                data = try ProtectedFile.read(input, limit: 16 << 20)
            } catch SealPKIError.fileAccess(_, let reason) {
                throw BundleAssemblyError.unreadable("\(input) (\(reason))")
            }
            guard data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
                try parts.add(text: data, from: input)
                return
            }
            let payloads: [[UInt8]]
            do {
                payloads = try QRCodeReader.decode(png: data)
            } catch {
                throw BundleAssemblyError.frame(input, "\(error)")
            }
            guard !payloads.isEmpty else { throw BundleAssemblyError.frame(input, "no QR code found") }
            try parts.add(parts: payloads.map { String(decoding: $0, as: UTF8.self) }, from: input)
        } catch let error as URPartAssemblyError {
            throw BundleAssemblyError(error)
        }
    }

    /// The bundle bytes, once complete (the fountain's CRC-32 over the whole resource has matched).
    public func bundle() throws -> [UInt8] {
        do {
            return try parts.resource()
        } catch let error as URPartAssemblyError {
            throw BundleAssemblyError(error)
        }
    }
}
