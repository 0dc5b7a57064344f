internal import CHarfBuzz
import Foundation

/// One face of a TrueType/OpenType font file (or of a .ttc collection), read with HarfBuzz: its family name, units
/// per em, the glyph and horizontal advance of each Unicode scalar, and TrueType subsets of it (hb-subset).
/// Every HarfBuzz object is owned by the face and freed with it; no C type is visible outside.
public struct OpenTypeFace: Sendable {
    /// One scalar of a string with its glyph in this face (nil when the face has none) and its advance in font units.
    public struct Glyph: Sendable, Equatable {
        public let scalar: Unicode.Scalar
        public let id: UInt32?
        public let advance: Int
    }

    private let backing: Backing
    /// The file the face was read from (or a description of the bytes).
    public let origin: String
    /// The index of the face in its file (0 for a single-face file).
    public let faceIndex: Int
    /// Font units per em (`head.unitsPerEm`).
    public let unitsPerEm: Int
    /// The family name (name ID 1, English), or "" when the face has none.
    public let familyName: String
    /// The number of glyphs in the face.
    public let glyphCount: Int

    /// Opens face `faceIndex` of the font file at `path`.
    /// - Throws: ``FontError/unreadable(path:)``, ``FontError/faceIndexOutOfRange(path:index:count:)``.
    public init(path: String, faceIndex: Int = 0) throws(FontError) {
        guard FileManager.default.isReadableFile(atPath: path), let blob = hb_blob_create_from_file_or_fail(path) else {
            throw FontError.unreadable(path: path)
        }
        try self.init(blob: blob, origin: path, faceIndex: faceIndex)
    }

    /// Reads a font from its bytes (a subset read back, say); `origin` names it in messages.
    /// - Throws: ``FontError/unreadable(path:)``, ``FontError/faceIndexOutOfRange(path:index:count:)``.
    public init(bytes: [UInt8], origin: String = "the font data", faceIndex: Int = 0) throws(FontError) {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { throw FontError.unreadable(path: origin) }
        let made: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    hb_blob_create_or_fail($0, UInt32(buffer.count), HB_MEMORY_MODE_DUPLICATE, nil, nil)
                }
            }
        }
        guard let blob = made else { throw FontError.unreadable(path: origin) }
        try self.init(blob: blob, origin: origin, faceIndex: faceIndex)
    }

    /// Takes ownership of `blob` (destroyed on every path).
    private init(blob: OpaquePointer, origin: String, faceIndex: Int) throws(FontError) {
        defer { hb_blob_destroy(blob) }
        let count = Int(hb_face_count(blob))
        guard count > 0 else { throw FontError.unreadable(path: origin) }
        guard faceIndex >= 0, faceIndex < count else { throw FontError.faceIndexOutOfRange(path: origin, index: faceIndex, count: count) }
        // hb_face_create never fails: a face it cannot read is the empty face, with no glyphs.
        guard let face = hb_face_create(blob, UInt32(faceIndex)) else { throw FontError.unreadable(path: origin) }
        let glyphs = Int(hb_face_get_glyph_count(face))
        let upem = Int(hb_face_get_upem(face))
        guard glyphs > 0, upem >= 16, upem <= 16_384, let font = hb_font_create(face) else {
            hb_face_destroy(face)
            throw FontError.unreadable(path: origin)
        }
        // Immutable objects may be read from any thread.
        hb_face_make_immutable(face)
        hb_font_make_immutable(font)
        backing = Backing(face: face, font: font)
        self.origin = origin
        self.faceIndex = faceIndex
        unitsPerEm = upem
        glyphCount = glyphs
        familyName = Self.name(face, CHarfBuzz_NAME_ID_FONT_FAMILY()) ?? ""
    }

    /// The number of faces in the file at `path` (1 for a .ttf, several for a .ttc).
    /// - Throws: ``FontError/fontMissing(path:package:)`` when the file is not there, ``FontError/unreadable(path:)``.
    static func faceCount(path: String, package: String) throws(FontError) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { throw FontError.fontMissing(path: path, package: package) }
        guard let blob = hb_blob_create_from_file_or_fail(path) else { throw FontError.unreadable(path: path) }
        defer { hb_blob_destroy(blob) }
        let count = Int(hb_face_count(blob))
        guard count > 0 else { throw FontError.unreadable(path: path) }
        return count
    }

    /// The glyph of `scalar` in this face (cmap), or nil when the face has none.
    public func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        guard hb_font_get_nominal_glyph(backing.font, scalar.value, &glyph) != 0, glyph != 0 else { return nil }
        return glyph
    }

    /// The horizontal advance of `glyph` in font units (hmtx).
    public func advance(glyph: UInt32) -> Int {
        Int(hb_font_get_glyph_h_advance(backing.font, glyph))
    }

    /// The glyph and advance of every scalar of `text`, in order (a scalar the face lacks has no glyph and advance 0).
    public func glyphs(for text: String) -> [Glyph] {
        text.unicodeScalars.map { scalar in
            let id = glyph(for: scalar)
            return Glyph(scalar: scalar, id: id, advance: id.map { advance(glyph: $0) } ?? 0)
        }
    }

    /// A TrueType font with only the glyphs of `codepoints` (and .notdef), made by hb-subset: one face, standalone,
    /// whatever the file it came from (a face of a .ttc becomes a single-face .ttf). Scalars the face lacks are left out.
    /// - Throws: ``FontError/subsetFailed(family:)``.
    public func subset(codepoints: some Sequence<Unicode.Scalar>) throws(FontError) -> [UInt8] {
        guard let input = hb_subset_input_create_or_fail() else { throw FontError.subsetFailed(family: familyName) }
        defer { hb_subset_input_destroy(input) }
        guard let unicodes = hb_subset_input_unicode_set(input) else { throw FontError.subsetFailed(family: familyName) }
        for scalar in codepoints { hb_set_add(unicodes, scalar.value) }
        guard let subset = hb_subset_or_fail(backing.face, input) else { throw FontError.subsetFailed(family: familyName) }
        defer { hb_face_destroy(subset) }
        guard let blob = hb_face_reference_blob(subset) else { throw FontError.subsetFailed(family: familyName) }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { throw FontError.subsetFailed(family: familyName) }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// The English (else any) string of name ID `id`, or nil.
    private static func name(_ face: OpaquePointer, _ id: hb_ot_name_id_t) -> String? {
        for language in [hb_language_from_string("en", -1), hb_language_get_default()] {
            var length: UInt32 = 0
            let needed = hb_ot_name_get_utf8(face, id, language, &length, nil)
            guard needed > 0, needed < 1024 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            length = UInt32(buffer.count)
            _ = hb_ot_name_get_utf8(face, id, language, &length, &buffer)
            let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        return nil
    }
}

/// The HarfBuzz face and font a face owns; both are immutable once made (HarfBuzz's rule for sharing between threads).
private final class Backing: @unchecked Sendable {
    let face: OpaquePointer
    let font: OpaquePointer

    init(face: OpaquePointer, font: OpaquePointer) {
        self.face = face
        self.font = font
    }

    deinit {
        hb_font_destroy(font)
        hb_face_destroy(face)
    }
}
