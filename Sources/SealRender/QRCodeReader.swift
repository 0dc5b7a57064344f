internal import CZBar

/// Reads QR codes from images with libzbar, in binary mode (zbar otherwise re-encodes bytes it takes for text).
/// Owns every zbar pointer for the length of one call.
public enum QRCodeReader {
    /// The largest image read (a 600-dpi A4 scan is 35 megapixels).
    public static let maximumPixels = PNGImageHeader.maximumPixels

    /// The payloads of every QR code found in the PNG `png` (transparent pixels count as white).
    public static func decode(png: [UInt8]) throws -> [[UInt8]] {
        // RasterImage reads the size from IHDR (PNGImageHeader) before anything is inflated.
        let image = try RasterImage(png: png)
        // Luminance over white, 8 bits a pixel (zbar's Y800).
        var gray = [UInt8](repeating: 255, count: image.width * image.height)
        for index in 0..<(image.width * image.height) {
            let r = Int(image.pixels[index * 4]), g = Int(image.pixels[index * 4 + 1]), b = Int(image.pixels[index * 4 + 2])
            let a = Int(image.pixels[index * 4 + 3])
            let luminance = (r * 299 + g * 587 + b * 114) / 1000
            gray[index] = UInt8((luminance * a + 255 * (255 - a)) / 255)
        }
        return try decode(gray: gray, width: image.width, height: image.height)
    }

    /// The payloads of every QR code in an 8-bit grayscale image.
    public static func decode(gray: [UInt8], width: Int, height: Int) throws -> [[UInt8]] {
        guard gray.count == width * height, width > 0, height > 0 else {
            throw SealRenderError.drawing(operation: "QR decode", status: "the image is \(width)×\(height) but has \(gray.count) pixels")
        }
        guard let scanner = zbar_image_scanner_create() else { throw SealRenderError.drawing(operation: "zbar_image_scanner_create", status: "null") }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
        guard let image = zbar_image_create() else { throw SealRenderError.drawing(operation: "zbar_image_create", status: "null") }
        defer { zbar_image_destroy(image) }
        // fourcc("Y800"); zbar's macro is not importable.
        let y800 = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16 | UInt(UInt8(ascii: "0")) << 24
        zbar_image_set_format(image, y800)
        zbar_image_set_size(image, UInt32(width), UInt32(height))
        return try gray.withUnsafeBufferPointer { pixels in
            // zbar only reads the buffer, and only during zbar_scan_image; no cleanup handler: the array owns it.
            zbar_image_set_data(image, UnsafeRawPointer(pixels.baseAddress), UInt(pixels.count), nil)
            let found = zbar_scan_image(scanner, image)
            guard found >= 0 else { throw SealRenderError.drawing(operation: "zbar_scan_image", status: "\(found)") }
            var payloads: [[UInt8]] = []
            var symbol = zbar_image_first_symbol(image)
            while let current = symbol {
                if let data = zbar_symbol_get_data(current) {
                    let length = Int(zbar_symbol_get_data_length(current))
                    payloads.append(data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) })
                }
                symbol = zbar_symbol_next(current)
            }
            zbar_image_set_data(image, nil, 0, nil)
            return payloads
        }
    }
}
