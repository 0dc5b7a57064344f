/// A PNG's signature and IHDR chunk (ISO/IEC 15948 §11.2.2), read before anything is inflated: the image size bounds
/// what decoding will allocate, so a small hostile file cannot decode into gigabytes.
public struct PNGImageHeader: Sendable, Equatable {
    /// The PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The largest image read: 50 megapixels (a 600-dpi A4 scan is 35), at most 20,000 pixels a side.
    public static let maximumPixels = 50_000_000
    public static let maximumSide = 20_000

    public let width: Int
    public let height: Int

    /// Reads the header of `png`.
    /// - Throws: `SealRenderError.drawing` naming what is wrong: not a PNG, no IHDR first, or a size over the limits.
    public init(_ png: [UInt8]) throws {
        // Signature (8), IHDR length (4) = 13, type (4), width (4), height (4), then 5 more bytes and a CRC.
        guard png.count >= 33, png.starts(with: Self.signature) else {
            throw SealRenderError.drawing(operation: "PNG header", status: "not a PNG image (no PNG signature)")
        }
        guard png[8..<12].elementsEqual([0, 0, 0, 13]), png[12..<16].elementsEqual(Array("IHDR".utf8)) else {
            throw SealRenderError.drawing(operation: "PNG header", status: "not a PNG with IHDR first")
        }
        // Four bytes each: at most 2^32-1, inside Int.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard (1...Self.maximumSide).contains(width), (1...Self.maximumSide).contains(height), width * height <= Self.maximumPixels else {
            throw SealRenderError.drawing(
                operation: "PNG header",
                status: "the image is \(width)×\(height) pixels, over the \(Self.maximumPixels / 1_000_000)-megapixel (\(Self.maximumSide) a side) limit")
        }
        self.width = width
        self.height = height
    }
}
