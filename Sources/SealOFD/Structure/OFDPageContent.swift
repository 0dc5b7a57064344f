/// A page's content file (GB/T 33190 §8.1, root element `Page`): its own page area, when written, and every text
/// object of its layers (page blocks included), in document order.
public struct OFDPageContent: Sendable, Equatable {
    /// The file's package path.
    public var path: String
    /// `Area`, when the page overrides the document's page area.
    public var area: OFDPageArea?
    /// The `TextObject`s of `Content/Layer` and nested `PageBlock`s, in order.
    public var textObjects: [OFDTextObject]

    /// Reads the content file of `page`.
    public init(_ package: OFDPackage, page: OFDPage, document: String, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        path = page.baseLoc.path
        let root = try OFDNamespace.root("Page", of: path, in: package, referredBy: document, limits: limits)
        area = try root.child("Area").map { try OFDPageArea($0, in: page.baseLoc.path) }
        var objects: [OFDTextObject] = []
        func collect(_ element: OFDXMLElement) throws {
            for child in element.children {
                switch child.name {
                case "TextObject": objects.append(try OFDTextObject(child, in: page.baseLoc.path))
                case "PageBlock": try collect(child)
                default: continue
                }
            }
        }
        for layer in root.child("Content")?.children("Layer") ?? [] { try collect(layer) }
        textObjects = objects
    }
}
