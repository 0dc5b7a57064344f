internal import CCairo

/// A decoded PNG as straight (non-premultiplied) RGBA pixels, for measuring rendered seals.
public struct RasterImage: Sendable {
    public let width: Int
    public let height: Int
    /// RGBA, row-major, 4 bytes per pixel, colour not premultiplied.
    public let pixels: [UInt8]

    /// Decodes PNG bytes with cairo, after checking the header's size (``PNGImageHeader``).
    public init(png: [UInt8]) throws {
        let header = try PNGImageHeader(png)
        final class Source {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let source = Source(png)
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
            let count = Int(length)
            guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { buffer in
                data.update(from: buffer.baseAddress! + source.offset, count: count)
            }
            source.offset += count
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        else { throw SealRenderError.drawing(operation: "cairo_image_surface_create_from_png_stream", status: "null") }
        defer { cairo_surface_destroy(surface) }
        try CairoCanvas.check(surface, "PNG decode")
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        guard width == header.width, height == header.height else {
            throw SealRenderError.drawing(operation: "PNG decode", status: "decoded \(width)×\(height), but the header says \(header.width)×\(header.height)")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32 || cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24,
              let data = cairo_image_surface_get_data(surface)
        else { throw SealRenderError.drawing(operation: "PNG decode", status: "unexpected pixel format") }
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            let row = data + y * stride
            for x in 0..<width {
                // cairo ARGB32 is a native-endian 32-bit word: on little-endian machines B, G, R, A in memory.
                let word = row.advanced(by: x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                let a = hasAlpha ? UInt32(word >> 24) : 255
                var r = (word >> 16) & 0xff, g = (word >> 8) & 0xff, b = word & 0xff
                if a > 0 && a < 255 {
                    r = (r * 255 + a / 2) / a
                    g = (g * 255 + a / 2) / a
                    b = (b * 255 + a / 2) / a
                }
                let offset = (y * width + x) * 4
                pixels[offset] = UInt8(min(r, 255))
                pixels[offset + 1] = UInt8(min(g, 255))
                pixels[offset + 2] = UInt8(min(b, 255))
                pixels[offset + 3] = UInt8(a)
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour and the alpha as separate 8-bit planes, each a zlib stream (what a PDF image XObject with
    /// `/FlateDecode` and its soft mask hold): RGB, 3 bytes per pixel, and alpha, 1 byte per pixel, row-major.
    public func deflatedPlanes() throws -> (rgb: [UInt8], alpha: [UInt8]) {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [UInt8](repeating: 0, count: width * height)
        for index in 0..<(width * height) {
            rgb[index * 3] = pixels[index * 4]
            rgb[index * 3 + 1] = pixels[index * 4 + 1]
            rgb[index * 3 + 2] = pixels[index * 4 + 2]
            alpha[index] = pixels[index * 4 + 3]
        }
        return (try PNGEncoder.deflate(rgb), try PNGEncoder.deflate(alpha))
    }

    /// The alpha of pixel (x, y).
    public func alpha(_ x: Int, _ y: Int) -> UInt8 { pixels[(y * width + x) * 4 + 3] }

    /// The straight RGBA of pixel (x, y).
    public func rgba(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8, UInt8) {
        let offset = (y * width + x) * 4
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2], pixels[offset + 3])
    }
}
