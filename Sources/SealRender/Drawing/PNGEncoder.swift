internal import CZlibSystem

/// Encodes cairo's premultiplied ARGB32 pixels as an RGBA PNG with a pHYs chunk, deterministically.
///
/// cairo's own PNG writer goes through libpng's adaptive row filters and writes no pHYs; for seal images (large
/// transparent areas, one ink colour) filter None with zlib's run-length strategy is several times faster and the
/// pixels decode identically (the same un-premultiplication as cairo: c·255 + α/2, divided by α).
enum PNGEncoder {
    static func encode(argb32 data: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, dpi: Double) throws -> [UInt8] {
        // Raw scanlines: a filter byte (0, None) and RGBA per pixel.
        let rowBytes = 1 + width * 4
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = data + y * stride
                var o = y * rowBytes + 1
                for x in 0..<width {
                    // ARGB32 is a native-endian 32-bit word: B, G, R, A in memory on little-endian machines.
                    let pixel = UnsafeRawPointer(row + x * 4).loadUnaligned(as: UInt32.self)
                    let a = pixel >> 24
                    if a != 0 {
                        let r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
                        out[o] = UInt8((r * 255 + a / 2) / a)
                        out[o + 1] = UInt8((g * 255 + a / 2) / a)
                        out[o + 2] = UInt8((b * 255 + a / 2) / a)
                        out[o + 3] = UInt8(a)
                    }
                    o += 4
                }
            }
        }
        let compressed = try deflate(raw)

        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // 8 bits per channel, RGBA, deflate, filter method 0 (every row uses filter None), no interlace.
        let header = PNGPhysicalSize.bigEndian(UInt32(width)) + PNGPhysicalSize.bigEndian(UInt32(height)) + [8, 6, 0, 0, 0]
        return signature + PNGPhysicalSize.chunk("IHDR", header) + PNGPhysicalSize.chunk(dpi: dpi)
            + PNGPhysicalSize.chunk("IDAT", compressed) + PNGPhysicalSize.chunk("IEND", [])
    }

    /// zlib stream of `bytes` at level 1: several times faster than the default for these images (mostly runs of
    /// transparent or ink pixels), about 20 % larger.
    private static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), 1)
            }
        }
        guard status == Z_OK else { throw SealRenderError.drawing(operation: "PNG deflate", status: "zlib \(status)") }
        return Array(output.prefix(Int(length)))
    }
}
