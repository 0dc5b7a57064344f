internal import CZlibSystem

/// PNG chunks, and the physical resolution (`pHYs`) that cairo's PNG writer leaves out (readers then assume 72 dpi).
enum PNGPhysicalSize {
    /// `png` with a `pHYs` chunk for `dpi` inserted right after IHDR.
    static func insert(into png: [UInt8], dpi: Double) throws -> [UInt8] {
        // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
        guard png.count > 33, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw SealRenderError.drawing(operation: "pHYs", status: "not a PNG with IHDR first")
        }
        return Array(png[..<33]) + chunk(dpi: dpi) + Array(png[33...])
    }

    /// The `pHYs` chunk for `dpi` (unit: metre).
    static func chunk(dpi: Double) -> [UInt8] {
        let pixelsPerMetre = bigEndian(UInt32((dpi / 0.0254).rounded()))
        return chunk("pHYs", pixelsPerMetre + pixelsPerMetre + [1])
    }

    /// A chunk: length, type, body, CRC-32 of type and body.
    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        let crc = typed.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
}
