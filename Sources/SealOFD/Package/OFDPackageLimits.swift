/// Size and count limits for reading an OFD package; a package over any of them is refused before or while its
/// members are inflated. The defaults are generous for documents (a 20-page document with embedded fonts is a few MB)
/// and small enough that a hostile file costs little.
public struct OFDPackageLimits: Sendable, Equatable {
    /// The largest package file: 256 MiB.
    public var archiveBytes: Int
    /// The largest single member, uncompressed: 64 MiB (an embedded CJK font is 10–20 MB).
    public var memberBytes: Int
    /// All members together, uncompressed: 512 MiB.
    public var totalBytes: Int
    /// The most members, directories included: 10,000.
    public var members: Int
    /// The highest ratio of uncompressed to compressed size a member may claim or reach: 1,100 (DEFLATE's own
    /// maximum is about 1,032).
    public var inflateRatio: Int
    /// The largest XML file parsed: 16 MiB.
    public var xmlBytes: Int
    /// The deepest element nesting in an XML file: 256.
    public var xmlDepth: Int
    /// The most signatures one Signatures.xml may list: 1,000 (each costs signature and chain checks).
    public var signatures: Int

    public init(
        archiveBytes: Int = 256 << 20, memberBytes: Int = 64 << 20, totalBytes: Int = 512 << 20, members: Int = 10_000,
        inflateRatio: Int = 1_100, xmlBytes: Int = 16 << 20, xmlDepth: Int = 256, signatures: Int = 1_000
    ) {
        self.archiveBytes = archiveBytes
        self.memberBytes = memberBytes
        self.totalBytes = totalBytes
        self.members = members
        self.inflateRatio = inflateRatio
        self.xmlBytes = xmlBytes
        self.xmlDepth = xmlDepth
        self.signatures = signatures
    }
}
