/// The package's entry file OFD.xml (GB/T 33190 §7.4, root element `OFD`): its version, type and document bodies.
public struct OFDEntry: Sendable, Equatable {
    /// The entry file's path: `OFD.xml` at the package root.
    public static let path = "OFD.xml"
    /// `Version` (the XSD fixes 1.0; 1.1 and 1.2 are read too).
    public var version: String?
    /// `DocType` (`OFD`).
    public var docType: String?
    /// The `DocBody` elements, at least one.
    public var docBodies: [DocBody]

    /// Reads OFD.xml from `package`.
    public init(_ package: OFDPackage, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        let root = try OFDNamespace.root("OFD", of: Self.path, in: package, referredBy: "the OFD package", limits: limits)
        version = root.attributes["Version"]
        docType = root.attributes["DocType"]
        docBodies = try root.children("DocBody").map { try DocBody($0, in: Self.path) }
        guard !docBodies.isEmpty else { throw OFDStructureError.missing(Self.path, "DocBody") }
        if let docType, docType != "OFD" { throw OFDStructureError.badValue(Self.path, "DocType", docType) }
    }
}
