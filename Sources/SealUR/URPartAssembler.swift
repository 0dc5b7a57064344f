import Foundation
/// Rebuilds one resource from UR parts read from several inputs (QR frames, text files of parts, typed parts), in any
/// order and with parts missing. A part of another resource, a corrupted or malformed part stops it with an error
/// naming the input it came from: never a wrong resource. Reading the inputs (files, images) is the caller's.
public struct URPartAssembler: Sendable {
    private var decoder = URDecoder()

    /// An assembler that has seen no part yet.
    public init() {}

    /// Whether every fragment is known and the resource's CRC-32 matched.
    public var isComplete: Bool { decoder.isComplete }
    /// Fragments known, of how many (nil before the first part).
    public var progress: (known: Int, total: Int?) { decoder.progress }

    /// Feeds the parts one input held. Every part is read, also after completion, so a part of another resource
    /// anywhere in the inputs is refused.
    /// - Throws: ``URPartAssemblyError/part(input:reason:)`` naming `input`.
    public mutating func add(parts: some Sequence<String>, from input: String) throws {
        for part in parts {
            do {
                _ = try decoder.receive(part.trimmingCharacters(in: .whitespaces))
            } catch {
                throw URPartAssemblyError.part(input: input, reason: "\(error)")
            }
        }
    }

    /// Feeds a text of parts, one a line (blank lines skipped).
    public mutating func add(text: some Sequence<UInt8>, from input: String) throws {
        let lines = String(decoding: Array(text), as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        try add(parts: lines, from: input)
    }

    /// The resource's bytes, once complete.
    /// - Throws: ``URPartAssemblyError/incomplete(known:total:)`` before then.
    public func resource() throws -> [UInt8] {
        guard let resource = decoder.result else {
            let (known, total) = decoder.progress
            throw URPartAssemblyError.incomplete(known: known, total: total)
        }
        do {
            return try resource.bytes()
        } catch {
            throw URPartAssemblyError.part(input: "the assembled resource", reason: "\(error)")
        }
    }
}
