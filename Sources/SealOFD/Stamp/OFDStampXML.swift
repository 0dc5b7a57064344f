/// The exact bytes a stamp writes into the package: Signature.xml and a new Signatures.xml built from scratch, and the
/// two in-place edits of existing files (OFD.xml gains `Signatures`, an existing Signatures.xml gains an entry and a
/// new `MaxSignId`). Existing bytes are never re-serialised: edits are insertions at an end tag found in the original
/// bytes, and every edit is parsed back and compared with the original structure before it is used.
enum OFDStampXML {
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
        xml += "<ofd:Provider ProviderName=\"\(OFDXMLText.escaped(provider.name))\" Company=\"\(OFDXMLText.escaped(provider.company))\" Version=\"\(OFDXMLText.escaped(provider.version))\"/>"
        xml += "<ofd:SignatureMethod>\(OFDStamp.signatureMethod)</ofd:SignatureMethod>"
        xml += "<ofd:SignatureDateTime>\(OFDXMLText.escaped(dateTime))</ofd:SignatureDateTime>"
        xml += "<ofd:References CheckMethod=\"\(OFDStamp.checkMethod)\">"
        for reference in references {
            xml += "<ofd:Reference FileRef=\"\(OFDXMLText.escaped(reference.fileRef))\"><ofd:CheckValue>\(reference.checkValue)</ofd:CheckValue></ofd:Reference>"
        }
        xml += "</ofd:References>"
        for appearance in appearances {
            xml += "<ofd:StampAnnot ID=\"\(OFDXMLText.escaped(appearance.id))\" PageRef=\"\(appearance.pageID)\" Boundary=\"\(appearance.boundary)\""
            if let clip = appearance.clip { xml += " Clip=\"\(clip)\"" }
            xml += "/>"
        }
        xml += "<ofd:Seal><ofd:BaseLoc>\(OFDXMLText.escaped(sealLoc))</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>"
        xml += "<ofd:SignedValue>\(OFDXMLText.escaped(signedValueLoc))</ofd:SignedValue></ofd:Signature>"
        return Array(OFDXMLText.declaration.utf8) + Array(xml.utf8)
    }

    /// A new Signatures.xml: `MaxSignId` first, then the one `Signature`.
    static func newSignatures(id: String, baseLoc: String, maxSignID: String) -> [UInt8] {
        let xml = "<ofd:Signatures xmlns:ofd=\"\(OFDNamespace.standard)\"><ofd:MaxSignId>\(OFDXMLText.escaped(maxSignID))</ofd:MaxSignId>"
            + "<ofd:Signature ID=\"\(OFDXMLText.escaped(id))\" Type=\"Seal\" BaseLoc=\"\(OFDXMLText.escaped(baseLoc))\"/></ofd:Signatures>"
        return Array(OFDXMLText.declaration.utf8) + Array(xml.utf8)
    }

    /// OFD.xml with `<p:Signatures>location</p:Signatures>` inserted before the end tag of the first DocBody (`p` the
    /// prefix that end tag uses), checked by parsing the result: the same DocBodies, the first now naming `location`.
    static func addingSignatures(to bytes: [UInt8], location: String, original: OFDEntry, limits: OFDPackageLimits) throws -> [UInt8] {
        let file = OFDEntry.path
        guard let end = endTags(in: bytes).first(where: { $0.local == "DocBody" }) else {
            throw OFDStampError.cannotEdit(file: file, "no DocBody end tag was found")
        }
        let element = end.prefix.isEmpty ? "Signatures" : end.prefix + ":Signatures"
        let inserted = Array("<\(element)>\(OFDXMLText.escaped(location))</\(element)>".utf8)
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
        var addition = "<\(prefix)Signature ID=\"\(OFDXMLText.escaped(id))\" Type=\"Seal\" BaseLoc=\"\(OFDXMLText.escaped(baseLoc))\"/>"
        let counters = tags.filter { $0.local == "MaxSignId" && $0.start < rootEnd.start }
        // An end tag inside a comment or CDATA is not the element's: the byte scan must find exactly the counters
        // the parser read.
        guard counters.count == original.maxSignIDs.count else {
            throw OFDStampError.cannotEdit(file: file, "its MaxSignId elements cannot be located in its bytes (comments or CDATA around them?)")
        }
        if counters.isEmpty { addition += "<\(prefix)MaxSignId>\(OFDXMLText.escaped(maxSignID))</\(prefix)MaxSignId>" }
        // Each counter's content, located in the original bytes; the ranges must be in order and apart.
        var contents: [Range<Int>] = []
        for counter in counters {
            let qualified = Array(("<" + (counter.prefix.isEmpty ? "" : counter.prefix + ":") + "MaxSignId").utf8)
            guard let open = lastIndex(of: qualified, in: bytes, before: counter.start),
                let close = bytes[(open + qualified.count)..<counter.start].firstIndex(of: UInt8(ascii: ">")),
                open >= (contents.last?.upperBound ?? 0)
            else {
                throw OFDStampError.cannotEdit(file: file, "a MaxSignId end tag has no start tag of its own")
            }
            contents.append((close + 1)..<counter.start)
        }
        var edited = Array(bytes[..<rootEnd.start]) + Array(addition.utf8) + Array(bytes[rootEnd.start...])
        // Replaced last first, so that the earlier ranges stay where they are (all lie before the insertion).
        for range in contents.reversed() {
            edited.replaceSubrange(range, with: Array(OFDXMLText.escaped(maxSignID).utf8))
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
        guard !needle.isEmpty, limit >= needle.count, limit <= bytes.count else { return nil }
        var start = limit - needle.count
        while start >= 0 {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
