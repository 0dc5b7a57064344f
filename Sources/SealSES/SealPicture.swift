/// A seal picture (印章图片) with its display size in millimetres.
public struct SealPicture: Hashable, Sendable {
    /// The declared type as written in the seal ("PNG", "SVG", "GIF", "ofd"…).
    public var type: String
    /// The image bytes.
    public var data: [UInt8]
    /// Display width in millimetres.
    public var widthMM: Int
    /// Display height in millimetres.
    public var heightMM: Int

    public init(type: String, data: [UInt8], widthMM: Int, heightMM: Int) {
        self.type = type
        self.data = data
        self.widthMM = widthMM
        self.heightMM = heightMM
    }

    /// The largest display size accepted as sane (mm); official seals are at most 60 mm.
    public static let maximumSizeMM = 200

    /// The picture formats readers know, by case-insensitive type name, with a check of the leading bytes.
    public enum Format: String, CaseIterable, Sendable {
        case png, svg, gif, jpg, bmp, ofd

        /// The format for a declared type (JPEG counts as JPG).
        public init?(declaredType: String) {
            let lower = declaredType.lowercased()
            self.init(rawValue: lower == "jpeg" ? "jpg" : lower)
        }

        /// Whether `data` starts the way this format does.
        public func matches(_ data: some Collection<UInt8>) -> Bool {
            switch self {
            case .png: return data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            case .gif: return data.starts(with: Array("GIF87a".utf8)) || data.starts(with: Array("GIF89a".utf8))
            case .jpg: return data.starts(with: [0xFF, 0xD8, 0xFF])
            case .bmp: return data.starts(with: Array("BM".utf8))
            case .ofd: return data.starts(with: [0x50, 0x4B, 0x03, 0x04])  // an OFD package is a ZIP
            case .svg:
                let head = String(decoding: data.prefix(512), as: UTF8.self)
                    .drop { $0 == "\u{FEFF}" || $0.isWhitespace }
                return head.hasPrefix("<svg") || (head.hasPrefix("<?xml") && head.contains("<svg"))
            }
        }
    }
}
