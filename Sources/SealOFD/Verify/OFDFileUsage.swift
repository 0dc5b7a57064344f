import Foundation

/// Which files of a document the reader is led to, and by which file: Document.xml names its resource files,
/// template pages, pages, annotations, attachments and custom tags; a resource file (PublicRes, DocumentRes, a page's
/// PageRes) names its font and media files against its `BaseLoc`; a page or template names its PageRes; Annotations.xml
/// names each page's annotation file. A verifier uses it to say what an unprotected file is used for. Files that do not
/// parse are left out (they are reported by the signature checks, not here).
struct OFDFileUsage {
    /// For each member path, the member paths of the files that refer to it, in the order found.
    private(set) var users: [String: [String]] = [:]
    /// Paths referred to that are not in the package: (path as resolved, the file referring to it).
    private(set) var missing: [(String, String)] = []

    init(_ package: OFDPackage, documentPath: String, limits: OFDPackageLimits) {
        guard let document = Self.parse(package, documentPath, limits) else { return }
        let common = document.child("CommonData")
        var resources: [String] = []
        var contents: [String] = []
        for element in common?.children("PublicRes") ?? [] { resources += add(element.text, by: documentPath, in: package) }
        for element in common?.children("DocumentRes") ?? [] { resources += add(element.text, by: documentPath, in: package) }
        for element in common?.children("TemplatePage") ?? [] {
            contents += add(element.attributes["BaseLoc"], by: documentPath, in: package)
        }
        for element in document.child("Pages")?.children("Page") ?? [] {
            contents += add(element.attributes["BaseLoc"], by: documentPath, in: package)
        }
        var annotations: [String] = []
        for name in ["Annotations", "Attachments", "CustomTags", "Extensions"] {
            for element in document.children(name) {
                let found = add(element.text, by: documentPath, in: package)
                if name == "Annotations" { annotations += found }
            }
        }
        for content in contents {
            // Page and template contents are the largest XML files (F:zsbk's templates are 0.5 MB each): only those that
            // name a PageRes are parsed.
            guard let bytes = package.file(content), Data(bytes).range(of: Data("PageRes".utf8)) != nil,
                  let page = Self.parse(package, content, limits)
            else { continue }
            for element in page.children("PageRes") { resources += add(element.text, by: content, in: package) }
        }
        for resource in Set(resources).sorted() {
            guard let res = Self.parse(package, resource, limits) else { continue }
            // Font and media files are named against the resource file's BaseLoc directory.
            let base = res.attributes["BaseLoc"].flatMap { try? STLoc($0, in: resource) }
            let referrer = base.map { $0.path + "/_" } ?? resource
            for font in res.child("Fonts")?.children("Font") ?? [] {
                for file in font.children("FontFile") { add(file.text, by: resource, against: referrer, in: package) }
            }
            for media in res.child("MultiMedias")?.children("MultiMedia") ?? [] {
                for file in media.children("MediaFile") { add(file.text, by: resource, against: referrer, in: package) }
            }
        }
        for list in annotations {
            guard let root = Self.parse(package, list, limits) else { continue }
            for page in root.children("Page") {
                for file in page.children("FileLoc") { add(file.text, by: list, in: package) }
            }
        }
    }

    /// Records that `user` refers to `written` (resolved against `against`, by default the user itself); returns the
    /// resolved path when it is in the package.
    @discardableResult
    private mutating func add(_ written: String?, by user: String, against: String? = nil, in package: OFDPackage) -> [String] {
        guard let written, let loc = try? STLoc(written, in: against ?? user) else { return [] }
        guard package.file(loc.path) != nil else {
            missing.append((loc.path, user))
            return []
        }
        if !(users[loc.path] ?? []).contains(user) { users[loc.path, default: []].append(user) }
        return [loc.path]
    }

    private static func parse(_ package: OFDPackage, _ path: String, _ limits: OFDPackageLimits) -> OFDXMLElement? {
        guard let bytes = package.file(path) else { return nil }
        return try? OFDXMLParser.parse(bytes, file: path, limits: limits)
    }
}
