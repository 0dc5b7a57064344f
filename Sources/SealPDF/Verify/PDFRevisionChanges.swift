import Foundation

/// What the revisions after a signature changed (ISO 32000-1 §12.8.2.2 says what may follow a signature without
/// DocMDP; pyHanko's difference analysis is the outside reference): the document as signed — the file up to the
/// signature's revision end, opened on its own — is compared object by object with the whole file. Adding
/// signatures and filling in form fields is what may follow: new objects, a catalog or AcroForm that gains fields,
/// a page (or its /Annots) that gains widget annotations, a form field whose value and appearance change, and the
/// metadata a signing tool updates (the XMP stream, the information dictionary), none of which is drawn. Every other
/// change — new or changed page content, resources, annotations that are not form fields, a field or signature removed
/// or an earlier signature's value altered — is named with its object.
struct PDFRevisionChanges {
    /// The object comparisons an analysis may make (objects × distinct revisions), so a hostile file ends with an
    /// answer.
    static let workLimit = 5_000_000

    /// The final document (the whole file).
    let final: QPDFDocument
    /// The highest object number to compare (the final trailer's /Size).
    let size: Int
    /// The final document's pages and signed signature fields, read once for every signature compared.
    let finalPageObjects: [QPDFObject]
    let finalFieldNames: Set<String>

    init(final: QPDFDocument, limits: PDFLimits) throws {
        self.final = final
        let declared = final.trailer["/Size"]?.integer ?? 0
        guard declared >= 0, declared <= Int64(limits.objects) else {
            throw PDFStructureError.tooManyObjects(count: Int(clamping: declared), limit: limits.objects)
        }
        size = Int(declared)
        finalPageObjects = try final.pages()
        finalFieldNames = Set(try Self.signatureFieldNames(final).map(\.0))
    }

    /// The changes after the revision that ends at `end`, named; empty when they only add signatures and fill in form
    /// fields.
    func problems(after end: Int, in bytes: [UInt8], name: String) throws -> [String] {
        let signed = try QPDFDocument(bytes: Array(bytes[0..<end]), description: "\(name) as signed")
        var problems: [String] = []
        func report(_ problem: String) {
            if problems.count < 20 { problems.append(problem) }
        }
        let signedRoot = signed.root.reference, finalRoot = final.root.reference
        let finalInfo = final.trailer["/Info"]?.reference, finalMetadata = final.root["/Metadata"]?.reference
        if signedRoot != finalRoot {
            report("the document catalog was replaced (\(signedRoot?.description ?? "none") → \(finalRoot?.description ?? "none"))")
        }
        let signedPageObjects = try signed.pages()
        let signedPages = Set(signedPageObjects.compactMap(\.reference))
        let finalPages = finalPageObjects.compactMap(\.reference)
        // The streams pages draw as their content, before and after (metadata may never be one of them).
        let pageContents = Set((signedPageObjects + finalPageObjects).flatMap { page -> [PDFReference] in
            guard let contents = page["/Contents"] else { return [] }
            return ([contents] + contents.items).compactMap(\.reference)
        })
        if Set(finalPages) != signedPages || finalPages.count != signedPages.count {
            report("pages were added, removed or replaced (\(signedPages.count) signed, \(finalPages.count) now)")
        }
        let signedFields = Dictionary(try Self.signatureFieldNames(signed), uniquingKeysWith: { first, _ in first })
        for (field, reference) in signedFields where !finalFieldNames.contains(field) {
            report("the signature field \(field) (\(reference)) was removed")
        }
        for number in 1..<max(1, size) {
            let reference = PDFReference(number: number)
            let now = final.object(reference)
            guard !now.isNull else { continue }
            let before = signed.object(reference)
            guard !before.isNull else { continue }  // a new object: harmless unless something signed now refers to it
            let isPage = signedPages.contains(reference) || pageContents.contains(reference)
            if let problem = try Self.change(
                reference, before: before, now: now, isRoot: reference == finalRoot, isInfo: reference == finalInfo && !isPage,
                isMetadata: reference == finalMetadata && !isPage, pages: signedPages)
            {
                report(problem)
            }
        }
        if problems.count == 20 { problems.append("(further changes not listed)") }
        return problems
    }

    /// What is wrong with `now` replacing `before` (object `reference`), or nil when it is unchanged or a change that
    /// signing or form filling makes.
    static func change(
        _ reference: PDFReference, before: QPDFObject, now: QPDFObject, isRoot: Bool, isInfo: Bool, isMetadata: Bool, pages: Set<PDFReference>
    ) throws -> String? {
        let beforeText = before.unparsedResolved, nowText = now.unparsedResolved
        if before.kind == .stream || now.kind == .stream {
            if beforeText == nowText, before.kind == now.kind, try before.rawStreamData() == now.rawStreamData() { return nil }
            // The catalog's XMP metadata (ISO 32000-1 §14.3.2) is not drawn; signing tools update its dates (pyHanko's
            // policy allows it). Only that stream, only as XML metadata, and never one a page draws as its content.
            if isMetadata, before.kind == now.kind, [before, now].allSatisfy({ $0["/Type"]?.name == "Metadata" && $0["/Subtype"]?.name == "XML" }) {
                return nil
            }
            let what = now["/Type"]?.name ?? now["/Subtype"]?.name ?? "stream"
            return "object \(reference) (\(what)) changed after signing: a stream's content is not something signing or form filling changes"
        }
        guard beforeText != nowText else { return nil }
        guard before.kind == now.kind else {
            return "object \(reference) changed from a \(before.kind) to a \(now.kind) after signing"
        }
        if isInfo, before.kind == .dictionary, before["/Type"] == nil, now["/Type"] == nil {
            // The document information dictionary (§14.3.3) is not drawn either; signing updates /ModDate.
            return nil
        }
        if isRoot {
            return differing(before, now, allowed: ["/AcroForm", "/DSS", "/Perms", "/Metadata"]).map {
                "the document catalog (\(reference)) changed \($0) after signing"
            }
        }
        let type = now["/Type"]?.name
        if type == "Page" || pages.contains(reference) {
            if let key = differing(before, now, allowed: ["/Annots"]) {
                return "page object \(reference) changed \(key) after signing: the page shown is not the page signed"
            }
            return annotsProblem(before["/Annots"]?.items ?? [], now["/Annots"]?.items ?? [], owner: "page \(reference)")
        }
        if now.kind == .array {
            // An /Annots or /Fields array kept as its own object: it may only gain entries, and only form fields.
            return annotsProblem(before.items, now.items, owner: "array \(reference)")
        }
        if before["/Fields"] != nil || now["/Fields"] != nil {
            // The AcroForm.
            if let key = differing(before, now, allowed: ["/Fields", "/SigFlags", "/DR", "/DA", "/NeedAppearances"]) {
                return "the AcroForm (\(reference)) changed \(key) after signing"
            }
            let kept = Set((before["/Fields"]?.items ?? []).compactMap(\.reference))
            let removed = kept.subtracting((now["/Fields"]?.items ?? []).compactMap(\.reference))
            return removed.isEmpty ? nil : "the AcroForm (\(reference)) no longer lists the form field(s) \(removed.sorted().map(\.description).joined(separator: ", "))"
        }
        if before["/FT"] != nil || before["/Parent"] != nil || before["/Subtype"]?.name == "Widget" {
            // A form field or its widget: filling it in changes its value and appearance; a signed signature field
            // keeps its value.
            let isSignature = (before["/FT"] ?? before["/Parent"]?["/FT"])?.name == "Sig"
            if isSignature, before["/V"] != nil, before["/V"]?.unparsed != now["/V"]?.unparsed {
                return "the signature field \(before["/T"]?.text ?? reference.description) (\(reference)) was given another signature value after signing"
            }
            if let key = differing(before, now, allowed: ["/V", "/AS", "/AP", "/MK", "/Ff"].filter { !(isSignature && $0 == "/Ff") }.reduce(into: Set<String>()) { $0.insert($1) }) {
                return "form field \(before["/T"]?.text ?? reference.description) (\(reference)) changed \(key) after signing"
            }
            return nil
        }
        if before["/ByteRange"] != nil && before["/Contents"] != nil {
            return "the signature dictionary \(reference) changed after signing"
        }
        let what = type ?? now["/Subtype"]?.name ?? "\(now.kind)"
        return "object \(reference) (\(what)) changed after signing"
    }

    /// The first key, other than `allowed`, whose value differs between two dictionaries (described), or nil.
    static func differing(_ before: QPDFObject, _ now: QPDFObject, allowed: Set<String>) -> String? {
        let keys = Set(before.keys).union(now.keys).subtracting(allowed).sorted()
        for key in keys where before[key]?.unparsed != now[key]?.unparsed {
            return before[key] == nil ? "(it gained \(key))" : now[key] == nil ? "(it lost \(key))" : "(its \(key))"
        }
        return nil
    }

    /// An /Annots (or /Fields) list may keep every entry it had and gain widget annotations (form fields) only.
    static func annotsProblem(_ before: [QPDFObject], _ now: [QPDFObject], owner: String) -> String? {
        let kept = before.compactMap(\.reference)
        let current = now.compactMap(\.reference)
        let removed = Set(kept).subtracting(current)
        if !removed.isEmpty {
            return "\(owner) lost the annotation(s) \(removed.sorted().map(\.description).joined(separator: ", ")) after signing"
        }
        if before.count != kept.count || now.count != current.count {
            if before.map(\.unparsed) != Array(now.map(\.unparsed).prefix(before.count)) {
                return "\(owner) changed a direct annotation after signing"
            }
        }
        let keptSet = Set(kept)
        for item in now {
            if let reference = item.reference, keptSet.contains(reference) { continue }
            if item.reference == nil, before.contains(where: { $0.unparsed == item.unparsed }) { continue }
            let subtype = item["/Subtype"]?.name
            guard subtype == "Widget" || item["/FT"] != nil else {
                return "\(owner) gained a \(subtype ?? "non-widget") annotation \(item.reference?.description ?? "") after signing: only form fields and signatures may be added"
            }
        }
        return nil
    }

    /// The names of the signed signature fields (/FT /Sig with a /V), with their field objects, from the AcroForm.
    static func signatureFieldNames(_ document: QPDFDocument) throws -> [(String, PDFReference)] {
        var names: [(String, PDFReference)] = []
        var visited: Set<PDFReference> = []
        func walk(_ fields: [QPDFObject], prefix: String, depth: Int) {
            guard depth < 32 else { return }
            for field in fields {
                guard let reference = field.reference, visited.insert(reference).inserted, visited.count <= 100_000 else { continue }
                let partial = field["/T"]?.text ?? ""
                let name = prefix.isEmpty ? partial : partial.isEmpty ? prefix : prefix + "." + partial
                if (field["/FT"] ?? field["/Parent"]?["/FT"])?.name == "Sig", field["/V"] != nil { names.append((name, reference)) }
                walk(field["/Kids"]?.items ?? [], prefix: name, depth: depth + 1)
            }
        }
        walk(document.root["/AcroForm"]?["/Fields"]?.items ?? [], prefix: "", depth: 0)
        return names
    }
}
