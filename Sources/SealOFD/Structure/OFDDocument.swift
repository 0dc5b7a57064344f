/// A document's root file Document.xml (GB/T 33190 §7.5, root element `Document`): its pages in order, its template
/// pages and `MaxUnitID`.
public struct OFDDocument: Sendable, Equatable {
    /// The file's package path (the DocBody's DocRoot).
    public var path: String
    /// `CommonData/MaxUnitID`, when present.
    public var maxUnitID: UInt32?
    /// `CommonData/TemplatePage` entries.
    public var templatePages: [OFDTemplatePage]
    /// `Pages/Page` entries, in document order.
    public var pages: [OFDPage]

    /// Reads the Document.xml that `docRoot` (in OFD.xml) points to.
    public init(_ package: OFDPackage, docRoot: STLoc, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        path = docRoot.path
        let root = try OFDNamespace.root("Document", of: path, in: package, referredBy: OFDEntry.path, limits: limits)
        let common = root.child("CommonData")
        maxUnitID = try common?.child("MaxUnitID").map { try OFDNamespace.id($0.text, "MaxUnitID", in: docRoot.path) }
        templatePages = try (common?.children("TemplatePage") ?? []).map { try OFDTemplatePage($0, in: docRoot.path) }
        guard let pages = root.child("Pages") else { throw OFDStructureError.missing(path, "Pages") }
        self.pages = try pages.children("Page").map { try OFDPage($0, in: docRoot.path) }
        guard !self.pages.isEmpty else { throw OFDStructureError.missing(path, "Page in Pages") }
    }
}
