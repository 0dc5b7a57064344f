internal import CZlibSystem

/// Adds the physical resolution to a PNG: cairo writes no `pHYs` chunk, so readers assume 72 dpi.
enum PNGPhysicalSize {
    /// `png` with a `pHYs` chunk (unit: metre) for `dpi` inserted right after IHDR.
    static func insert(into png: [UInt8], dpi: Double) throws -> [UInt8] {
        // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes.
        guard png.count > 33, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw SealRenderError.drawing(operation: "pHYs", status: "not a PNG with IHDR first")
        }
        let pixelsPerMetre = UInt32((dpi / 0.0254).rounded())
        var body = Array("pHYs".utf8)
        for _ in 0..<2 { body += withUnsafeBytes(of: pixelsPerMetre.bigEndian, Array.init) }
        body.append(1)  // unit: metre
        let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        let chunk = withUnsafeBytes(of: UInt32(9).bigEndian, Array.init) + body + withUnsafeBytes(of: crc.bigEndian, Array.init)
        return Array(png[..<33]) + chunk + Array(png[33...])
    }
}
