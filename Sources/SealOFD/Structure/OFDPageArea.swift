/// A `PageArea` (GB/T 33190 §7.6, CT_PageArea): the page's physical box and, when written, its application box.
/// Document.xml's `CommonData/PageArea` is the default; a page's own `Area` overrides it.
public struct OFDPageArea: Sendable, Equatable {
    /// `PhysicalBox`: the paper.
    public var physicalBox: STBox
    /// `ApplicationBox`: the display area, when written.
    public var applicationBox: STBox?

    /// A4 portrait (210 × 297 mm), what readers assume when a document gives no page area.
    public static let a4 = OFDPageArea(physicalBox: STBox(x: 0, y: 0, width: 210, height: 297), applicationBox: nil)

    public init(physicalBox: STBox, applicationBox: STBox?) {
        self.physicalBox = physicalBox
        self.applicationBox = applicationBox
    }

    /// Reads a `PageArea` or `Area` element of `file`.
    init(_ element: OFDXMLElement, in file: String) throws {
        guard let physical = element.child("PhysicalBox") else { throw OFDStructureError.missing(file, "\(element.name)/PhysicalBox") }
        physicalBox = try STBox(physical.text, what: "\(element.name)/PhysicalBox", in: file)
        guard physicalBox.width > 0, physicalBox.height > 0 else {
            throw OFDStructureError.badValue(file, "\(element.name)/PhysicalBox", physical.text)
        }
        applicationBox = try element.child("ApplicationBox").map { try STBox($0.text, what: "\(element.name)/ApplicationBox", in: file) }
    }

    /// The page's own `Area` in its content file (the page's `BaseLoc`), or nil when it has none; nothing else of the
    /// content is read.
    public static func ofPage(_ package: OFDPackage, page: OFDPage, document: String, limits: OFDPackageLimits = OFDPackageLimits()) throws -> OFDPageArea? {
        let root = try OFDNamespace.root("Page", of: page.baseLoc.path, in: package, referredBy: document, limits: limits)
        return try root.child("Area").map { try OFDPageArea($0, in: page.baseLoc.path) }
    }

    /// The default page area of the Document.xml at `path` (`CommonData/PageArea`), or nil when it has none.
    public static func documentDefault(_ package: OFDPackage, document path: String, limits: OFDPackageLimits = OFDPackageLimits()) throws -> OFDPageArea? {
        let root = try OFDNamespace.root("Document", of: path, in: package, referredBy: OFDEntry.path, limits: limits)
        return try root.child("CommonData")?.child("PageArea").map { try OFDPageArea($0, in: path) }
    }
}
