/// A font the program uses, found by its path in a Debian font package (as SealRender finds the seal faces): never
/// the current directory, never a source path. A missing file is an error naming the package to install.
public struct FontSource: Sendable, Equatable {
    /// The font file (.ttf, or a .ttc collection).
    public let path: String
    /// The family name of the face to take from the file.
    public let family: String
    /// The Debian package that ships the file.
    public let debianPackage: String

    /// A font at `path` whose face `family` is taken, shipped by `debianPackage`.
    public init(path: String, family: String, debianPackage: String) {
        self.path = path
        self.family = family
        self.debianPackage = debianPackage
    }

    /// The Song (明体/宋体 style) face embedded in the OFDs SealStation writes: AR PL UMing CN (fonts-arphic-uming),
    /// whose glyphs are TrueType outlines. Noto Serif CJK, the seal images' Song face, has CFF outlines, which not
    /// every OFD reader draws.
    public static let songTrueType = FontSource(
        path: "/usr/share/fonts/truetype/arphic/uming.ttc", family: "AR PL UMing CN", debianPackage: "fonts-arphic-uming")

    /// Opens the face of `family` in the file.
    /// - Throws: ``FontError/fontMissing(path:package:)`` naming the package, ``FontError/familyMissing(path:family:)``.
    public func open() throws(FontError) -> OpenTypeFace {
        let count = try OpenTypeFace.faceCount(path: path, package: debianPackage)
        for index in 0..<count {
            let face = try OpenTypeFace(path: path, faceIndex: index)
            if face.familyName == family { return face }
        }
        throw FontError.familyMissing(path: path, family: family)
    }
}
