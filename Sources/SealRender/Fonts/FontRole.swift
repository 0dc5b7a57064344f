/// The faces seal text is set in, found by path in Debian's font packages.
public enum FontRole: String, Sendable, Codable, CaseIterable {
    /// 宋体: Noto Serif CJK SC Bold (fonts-noto-cjk), a Song face with PRC glyph forms, for all hanzi. It also
    /// stands in for 仿宋 on the invoice seal: Debian has no usable simplified 仿宋.
    case song
    /// Arial-metric sans (Liberation Sans, fonts-liberation2) for the 纳税人识别号 and codes.
    case sans

    /// The font file.
    public var path: String {
        switch self {
        case .song: return "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
        case .sans: return "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
        }
    }

    /// The family name of the face to take from the file (a .ttc holds several).
    public var family: String {
        switch self {
        case .song: return "Noto Serif CJK SC"
        case .sans: return "Liberation Sans"
        }
    }

    /// The Debian package that ships the file.
    public var debianPackage: String {
        switch self {
        case .song: return "fonts-noto-cjk"
        case .sans: return "fonts-liberation2"
        }
    }
}
