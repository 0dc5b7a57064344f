internal import CZlibSystem

/// Encodes cairo's premultiplied ARGB32 pixels as a PNG with a pHYs chunk, deterministically.
///
/// cairo's own PNG writer goes through libpng's adaptive row filters and writes no pHYs; for seal images (large
/// transparent areas, one ink colour) filter None with zlib at level 1 is several times faster and the pixels decode
/// identically (the same un-premultiplication as cairo: c·255 + α/2, divided by α). A seal is one colour at varying
/// coverage, so when every inked pixel has the same straight colour the image is written indexed (colour type 3):
/// the index is the alpha, the palette that colour 256 times, tRNS the alphas 0…255 — a quarter of the bytes of
/// RGBA for the same pixels. Anything else is written as RGBA (colour type 6).
enum PNGEncoder {
    static func encode(argb32 data: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, dpi: Double) throws -> [UInt8] {
        // Straight RGBA of a premultiplied ARGB32 word (B, G, R, A in memory on little-endian machines).
        func straight(_ pixel: UInt32) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
            let a = pixel >> 24
            guard a != 0 else { return (0, 0, 0, 0) }
            let r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
            return (UInt8((r * 255 + a / 2) / a), UInt8((g * 255 + a / 2) / a), UInt8((b * 255 + a / 2) / a), UInt8(a))
        }
        func word(_ x: Int, _ y: Int) -> UInt32 { UnsafeRawPointer(data + y * stride + x * 4).loadUnaligned(as: UInt32.self) }

        // One ink colour? Then indexed by alpha.
        var ink: (UInt8, UInt8, UInt8)?
        var single = true
        scan: for y in 0..<height {
            for x in 0..<width {
                let pixel = word(x, y)
                guard pixel >> 24 != 0 else { continue }
                let (r, g, b, _) = straight(pixel)
                if let ink, ink != (r, g, b) {
                    single = false
                    break scan
                }
                ink = (r, g, b)
            }
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let size = PNGPhysicalSize.bigEndian(UInt32(width)) + PNGPhysicalSize.bigEndian(UInt32(height))
        if single {
            let colour = ink ?? (0, 0, 0)
            // Scanlines: a filter byte (0, None) and one index (= alpha) per pixel.
            let rowBytes = 1 + width
            var raw = [UInt8](repeating: 0, count: rowBytes * height)
            raw.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    var o = y * rowBytes + 1
                    for x in 0..<width {
                        out[o] = UInt8(word(x, y) >> 24)
                        o += 1
                    }
                }
            }
            let palette = (0..<256).flatMap { _ in [colour.0, colour.1, colour.2] }
            let alphas = (0..<256).map { UInt8($0) }
            // 8-bit indices, colour type 3, deflate, filter method 0, no interlace.
            // pHYs right after IHDR, as in the RGBA form (it may come anywhere before IDAT).
            return signature + PNGPhysicalSize.chunk("IHDR", size + [8, 3, 0, 0, 0]) + PNGPhysicalSize.chunk(dpi: dpi)
                + PNGPhysicalSize.chunk("PLTE", palette) + PNGPhysicalSize.chunk("tRNS", alphas)
                + PNGPhysicalSize.chunk("IDAT", try deflate(raw)) + PNGPhysicalSize.chunk("IEND", [])
        }

        // Raw scanlines: a filter byte (0, None) and RGBA per pixel.
        let rowBytes = 1 + width * 4
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                var o = y * rowBytes + 1
                for x in 0..<width {
                    let (r, g, b, a) = straight(word(x, y))
                    out[o] = r
                    out[o + 1] = g
                    out[o + 2] = b
                    out[o + 3] = a
                    o += 4
                }
            }
        }
        // 8 bits per channel, RGBA, deflate, filter method 0 (every row uses filter None), no interlace.
        return signature + PNGPhysicalSize.chunk("IHDR", size + [8, 6, 0, 0, 0]) + PNGPhysicalSize.chunk(dpi: dpi)
            + PNGPhysicalSize.chunk("IDAT", try deflate(raw)) + PNGPhysicalSize.chunk("IEND", [])
    }

    /// zlib stream of `bytes` at level 1: several times faster than the default for these images (mostly runs of
    /// transparent or ink pixels), a little larger.
    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
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
