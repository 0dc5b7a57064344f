/// The exact bytes a stamp writes into the package: Signature.xml and a new Signatures.xml built from scratch, and the
/// two in-place edits of existing files (OFD.xml gains `Signatures`, an existing Signatures.xml gains an entry and a
/// new `MaxSignId`). Existing bytes are never re-serialised: edits are insertions at an end tag found in the original
/// bytes, and every edit is parsed back and compared with the original structure before it is used.
enum OFDStampXML {
    /// The XML declaration every file SealStation writes starts with, then a line feed (as ofdrw writes).
    static let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)

    /// `text` with `&`, `<`, `>` and `"` escaped (text content and double-quoted attribute values).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// One `Reference`: the absolute FileRef and the base64 SM3 of the file's bytes.
    struct Reference {
        var fileRef: String
        var checkValue: String
    }

    /// Signature.xml in the XSD order: SignedInfo{Provider, SignatureMethod, SignatureDateTime, References,
    /// StampAnnot*, Seal}, SignedValue.
    static func signature(
        provider: OFDProvider, dateTime: String, references: [Reference], appearances: [OFDStampAppearance], sealLoc: String,
        signedValueLoc: String
    ) -> [UInt8] {
        var xml = "<ofd:Signature xmlns:ofd=\"\(OFDNamespace.standard)\"><ofd:SignedInfo>"
        xml += "<ofd:Provider ProviderName=\"\(escaped(provider.name))\" Company=\"\(escaped(provider.company))\" Version=\"\(escaped(provider.version))\"/>"
        xml += "<ofd:SignatureMethod>\(OFDStamp.signatureMethod)</ofd:SignatureMethod>"
        xml += "<ofd:SignatureDateTime>\(escaped(dateTime))</ofd:SignatureDateTime>"
        xml += "<ofd:References CheckMethod=\"\(OFDStamp.checkMethod)\">"
        for reference in references {
            xml += "<ofd:Reference FileRef=\"\(escaped(reference.fileRef))\"><ofd:CheckValue>\(reference.checkValue)</ofd:CheckValue></ofd:Reference>"
        }
        xml += "</ofd:References>"
        for appearance in appearances {
            xml += "<ofd:StampAnnot ID=\"\(escaped(appearance.id))\" PageRef=\"\(appearance.pageID)\" Boundary=\"\(appearance.boundary)\""
            if let clip = appearance.clip { xml += " Clip=\"\(clip)\"" }
            xml += "/>"
        }
        xml += "<ofd:Seal><ofd:BaseLoc>\(escaped(sealLoc))</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>"
        xml += "<ofd:SignedValue>\(escaped(signedValueLoc))</ofd:SignedValue></ofd:Signature>"
        return declaration + Array(xml.utf8)
    }

    /// A new Signatures.xml: `MaxSignId` first, then the one `Signature`.
    static func newSignatures(id: String, baseLoc: String, maxSignID: String) -> [UInt8] {
        let xml = "<ofd:Signatures xmlns:ofd=\"\(OFDNamespace.standard)\"><ofd:MaxSignId>\(escaped(maxSignID))</ofd:MaxSignId>"
            + "<ofd:Signature ID=\"\(escaped(id))\" Type=\"Seal\" BaseLoc=\"\(escaped(baseLoc))\"/></ofd:Signatures>"
        return declaration + Array(xml.utf8)
    }

    /// OFD.xml with `<p:Signatures>location</p:Signatures>` inserted before the end tag of the first DocBody (`p` the
    /// prefix that end tag uses), checked by parsing the result: the same DocBodies, the first now naming `location`.
    static func addingSignatures(to bytes: [UInt8], location: String, original: OFDEntry, limits: OFDPackageLimits) throws -> [UInt8] {
        let file = OFDEntry.path
        guard let end = endTags(in: bytes).first(where: { $0.local == "DocBody" }) else {
            throw OFDStampError.cannotEdit(file: file, "no DocBody end tag was found")
        }
        let element = end.prefix.isEmpty ? "Signatures" : end.prefix + ":Signatures"
        let inserted = Array("<\(element)>\(escaped(location))</\(element)>".utf8)
        let edited = Array(bytes[..<end.start]) + inserted + Array(bytes[end.start...])
        let root = try OFDXMLParser.parse(edited, file: file, limits: limits)
        let bodies = try root.children("DocBody").map { try DocBody($0, in: file) }
        var expected = original.docBodies
        expected[0].signatures = try STLoc(location, in: file)
        guard bodies == expected, root.children("DocBody").first?.children("Signatures").count == 1,
            root.children("DocBody").first?.child("Signatures")?.namespace == root.namespace
        else {
            throw OFDStampError.cannotEdit(file: file, "inserting the Signatures element does not give the expected DocBody (comments or CDATA around it?)")
        }
        return edited
    }

    /// An existing Signatures.xml with every `MaxSignId` set to `maxSignID` and a new `Signature` before the root's
    /// end tag (a `MaxSignId` is added after it when the file has none), checked by parsing the result.
    static func addingSignature(
        to bytes: [UInt8], file: String, id: String, baseLoc: String, maxSignID: String, original: OFDSignatures, limits: OFDPackageLimits
    ) throws -> [UInt8] {
        let tags = endTags(in: bytes)
        guard let rootEnd = tags.last(where: { $0.local == "Signatures" }) else {
            throw OFDStampError.cannotEdit(file: file, "no Signatures end tag was found")
        }
        let prefix = rootEnd.prefix.isEmpty ? "" : rootEnd.prefix + ":"
        var addition = "<\(prefix)Signature ID=\"\(escaped(id))\" Type=\"Seal\" BaseLoc=\"\(escaped(baseLoc))\"/>"
        let counters = tags.filter { $0.local == "MaxSignId" && $0.start < rootEnd.start }
        if counters.isEmpty { addition += "<\(prefix)MaxSignId>\(escaped(maxSignID))</\(prefix)MaxSignId>" }
        var edited = Array(bytes[..<rootEnd.start]) + Array(addition.utf8) + Array(bytes[rootEnd.start...])
        // Replace each MaxSignId's content, last first so that earlier offsets stay valid.
        for counter in counters.reversed() {
            let qualified = Array(("<" + (counter.prefix.isEmpty ? "" : counter.prefix + ":") + "MaxSignId").utf8)
            guard let open = lastIndex(of: qualified, in: edited, before: counter.start),
                let close = edited[(open + qualified.count)..<counter.start].firstIndex(of: UInt8(ascii: ">"))
            else {
                throw OFDStampError.cannotEdit(file: file, "a MaxSignId end tag has no start tag")
            }
            edited.replaceSubrange((close + 1)..<counter.start, with: Array(escaped(maxSignID).utf8))
        }
        let root = try OFDXMLParser.parse(edited, file: file, limits: limits)
        let entries = try root.children("Signature").map { try OFDSignatureEntry($0, in: file) }
        let added = try OFDSignatureEntry(
            OFDXMLElement(name: "Signature", namespace: root.namespace, attributes: ["ID": id, "Type": "Seal", "BaseLoc": baseLoc], text: "", children: []),
            in: file)
        let counterValues = root.children("MaxSignId").map(\.text)
        guard root.name == "Signatures", entries == original.signatures + [added], !counterValues.isEmpty,
            counterValues.allSatisfy({ $0 == maxSignID })
        else {
            throw OFDStampError.cannotEdit(file: file, "adding the Signature entry does not give the expected list (comments or CDATA around it?)")
        }
        return edited
    }

    /// An end tag found in the bytes: where its `<` is, its prefix (may be empty) and local name.
    struct EndTag {
        var start: Int
        var prefix: String
        var local: String
    }

    /// Every `</name>` or `</prefix:name>` (whitespace allowed before `>`), in order.
    static func endTags(in bytes: [UInt8]) -> [EndTag] {
        var tags: [EndTag] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") else {
                index += 1
                continue
            }
            var cursor = index + 2
            while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "<") { cursor += 1 }
            let name = String(decoding: bytes[(index + 2)..<cursor], as: UTF8.self)
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">"), !name.isEmpty {
                let parts = name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                tags.append(parts.count == 2
                    ? EndTag(start: index, prefix: String(parts[0]), local: String(parts[1]))
                    : EndTag(start: index, prefix: "", local: name))
            }
            index += 2
        }
        return tags
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The start of the last occurrence of `needle` in `bytes` that ends at or before `limit`.
    static func lastIndex(of needle: [UInt8], in bytes: [UInt8], before limit: Int) -> Int? {
        guard !needle.isEmpty, limit >= needle.count else { return nil }
        var start = limit - needle.count
        while start >= 0 {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
