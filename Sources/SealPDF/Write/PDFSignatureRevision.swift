public import Foundation
public import SealCrypto

/// One incremental revision that adds a signature field to a PDF (ISO 32000-1 §7.5.6, §12.8): prepared BEFORE signing
/// with a /Contents of zeros and the /ByteRange set, so the bytes the signature covers are known
/// (``signedBytes``); ``filled(with:)`` writes the signature's DER into the gap AFTER. The original file is a
/// byte-for-byte prefix; the revision holds the signature dictionary, the widget (the field itself), its appearance,
/// the page with the widget in /Annots, the AcroForm with the field in /Fields and /SigFlags 3, and a cross-reference
/// section of the same kind as the file's last one, chained to it by /Prev.
public struct PDFSignatureRevision: Sendable {
    /// The whole new file, /Contents still zeros.
    public let bytes: [UInt8]
    /// The field's name (/T).
    public let fieldName: String
    /// The 1-based page of the widget.
    public let page: Int
    /// The widget's /Rect in the page's user space.
    public let rect: [Double]
    /// The offsets of `<` and just after `>` of /Contents: the gap the byte range leaves.
    public let gapStart: Int
    public let gapEnd: Int
    /// The most signature bytes the gap holds.
    public var capacity: Int { (gapEnd - gapStart - 2) / 2 }

    /// What the signature covers: every byte but the gap.
    public var signedBytes: [UInt8] { Array(bytes[0..<gapStart]) + Array(bytes[gapEnd...]) }

    /// The `algorithm` digest of ``signedBytes``, hashed in place (the two ranges, no copy).
    public func digest(_ algorithm: DigestAlgorithm) throws -> [UInt8] {
        let hasher = try ReusableHasher(algorithm)
        hasher.begin()
        bytes.withUnsafeBytes { buffer in
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<gapStart]))
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[gapEnd...]))
        }
        return try hasher.finish()
    }

    /// The file with `signature` (DER, at most ``capacity`` bytes) in /Contents, zero-padded.
    /// - Throws: ``PDFStampError/signatureTooLarge(bytes:reserved:)``.
    public func filled(with signature: [UInt8]) throws -> [UInt8] {
        guard signature.count <= capacity else { throw PDFStampError.signatureTooLarge(bytes: signature.count, reserved: capacity) }
        var output = bytes
        let hex = Array(Hex.encode(signature).utf8)
        output.replaceSubrange((gapStart + 1)..<(gapStart + 1 + hex.count), with: hex)
        return output
    }

    /// The appearance of a visible seal: an image (8-bit DeviceRGB and its DeviceGray alpha, each Flate-compressed)
    /// drawn to fill the widget.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var rgbFlate: [UInt8]
        public var alphaFlate: [UInt8]

        public init(width: Int, height: Int, rgbFlate: [UInt8], alphaFlate: [UInt8]) {
            self.width = width
            self.height = height
            self.rgbFlate = rgbFlate
            self.alphaFlate = alphaFlate
        }
    }

    /// Prepares the revision on `original`: field `fieldName` on page `page` (1-based) at `rect` (user space;
    /// `[0 0 0 0]` and no image for an invisible signature), /SubFilter `subFilter`, /M `signingTime`, room for
    /// `contentsCapacity` signature bytes. On a rotated page, `appearanceMatrix` (``PDFPageGeometry/appearanceMatrix``)
    /// turns the appearance so that it is shown upright; its box is then the rect's width and height exchanged.
    /// - Throws: ``PDFStampError`` or ``PDFStructureError`` naming what cannot be read or edited.
    public static func prepare(
        _ original: [UInt8], name: String, fieldName: String, page: Int, rect: [Double], image: Image?, subFilter: String,
        signingTime: Date, reason: String?, contentsCapacity: Int, appearanceMatrix: [Double] = [1, 0, 0, 1, 0, 0],
        limits: PDFLimits = .init()
    ) throws -> PDFSignatureRevision {
        try prepare(
            try PDFFile(original, name: name, limits: limits), name: name, fieldName: fieldName, page: page, rect: rect, image: image,
            subFilter: subFilter, signingTime: signingTime, reason: reason, contentsCapacity: contentsCapacity,
            appearanceMatrix: appearanceMatrix, limits: limits)
    }

    /// As ``prepare(_:name:fieldName:page:rect:image:subFilter:signingTime:reason:contentsCapacity:appearanceMatrix:limits:)``
    /// on a file already read.
    public static func prepare(
        _ file: PDFFile, name: String, fieldName: String, page: Int, rect: [Double], image: Image?, subFilter: String,
        signingTime: Date, reason: String?, contentsCapacity: Int, appearanceMatrix: [Double] = [1, 0, 0, 1, 0, 0],
        limits: PDFLimits = .init()
    ) throws -> PDFSignatureRevision {
        let original = file.bytes
        guard rect.count == 4, rect.allSatisfy(\.isFinite), appearanceMatrix.count == 6, appearanceMatrix.allSatisfy(\.isFinite) else {
            throw PDFStampError.cannotEdit("the widget rectangle or appearance matrix is not a set of finite numbers")
        }
        guard (1...limits.signatureBytes).contains(contentsCapacity) else {
            throw PDFStampError.cannotEdit("room for \(contentsCapacity) signature bytes is outside 1–\(limits.signatureBytes)")
        }
        guard !file.isEncrypted else { throw PDFStampError.encrypted }
        guard file.warnings.isEmpty else { throw PDFStampError.damaged(file.warnings[0]) }
        guard (1...max(1, file.pageCount)).contains(page), page <= file.pageCount else {
            throw PDFStampError.noSuchPage(page, pageCount: file.pageCount)
        }
        guard !file.signatureFields.contains(where: { $0.name == fieldName }) else { throw PDFStampError.fieldExists(fieldName) }
        let last = try PDFXRefKind.last(in: original)
        let document = try QPDFDocument(bytes: original, description: name)
        let trailer = document.trailer
        guard let size = trailer["/Size"]?.integer, size > 0, size < Int64(limits.objects) else {
            throw PDFStampError.damaged("the trailer has no usable /Size")
        }
        let root = document.root
        guard let rootReference = root.reference else { throw PDFStampError.cannotEdit("the catalog is not an indirect object") }
        let pageObject = try document.pages()[page - 1]
        guard let pageReference = pageObject.reference else { throw PDFStampError.cannotEdit("page \(page) is not an indirect object") }

        var next = Int(size)
        func allocate() -> PDFReference {
            defer { next += 1 }
            return PDFReference(number: next)
        }
        var objects: [(PDFReference, [UInt8])] = []
        func add(_ reference: PDFReference, _ text: String) { objects.append((reference, Array(text.utf8))) }

        // The signature dictionary, its /ByteRange a fixed-width placeholder.
        let signature = allocate()
        let widget = allocate()
        let byteRangePlaceholder = "/ByteRange [0 " + String(repeating: " ", count: 34) + "]"
        let contentsPlaceholder = "/Contents <" + String(repeating: "0", count: 2 * contentsCapacity) + ">"
        var signatureText = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /\(subFilter) \(byteRangePlaceholder) \(contentsPlaceholder)"
        signatureText += " /M \(PDFSyntax.text(PDFSyntax.date(signingTime)))"
        if let reason { signatureText += " /Reason \(PDFSyntax.text(reason))" }
        signatureText += " /Prop_Build << /App << /Name /SealStation >> >> >>"
        add(signature, signatureText)

        // The widget, merged with its field; its appearance.
        var widgetText = "<< /Type /Annot /Subtype /Widget /FT /Sig /T \(PDFSyntax.text(fieldName)) /V \(signature) /F 132 /P \(pageReference)"
        widgetText += " /Rect [\(rect.map(PDFSyntax.number).joined(separator: " "))]"
        if let image {
            let imageReference = allocate(), maskReference = allocate(), formReference = allocate()
            // A quarter turn shows the rect's width as the appearance's height.
            let quarterTurn = appearanceMatrix[0] == 0 && appearanceMatrix[3] == 0
            let rectWidth = abs(rect[2] - rect[0]), rectHeight = abs(rect[3] - rect[1])
            let (width, height) = quarterTurn ? (rectHeight, rectWidth) : (rectWidth, rectHeight)
            add(maskReference, "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray "
                + "/BitsPerComponent 8 /Filter /FlateDecode /Length \(image.alphaFlate.count) >>\nstream\n")
            objects[objects.count - 1].1 += image.alphaFlate + Array("\nendstream".utf8)
            add(imageReference, "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceRGB "
                + "/BitsPerComponent 8 /Filter /FlateDecode /SMask \(maskReference) /Length \(image.rgbFlate.count) >>\nstream\n")
            objects[objects.count - 1].1 += image.rgbFlate + Array("\nendstream".utf8)
            let content = "q \(PDFSyntax.number(width)) 0 0 \(PDFSyntax.number(height)) 0 0 cm /Im0 Do Q"
            let matrix = appearanceMatrix == [1, 0, 0, 1, 0, 0] ? "" : "/Matrix [\(appearanceMatrix.map(PDFSyntax.number).joined(separator: " "))] "
            add(formReference, "<< /Type /XObject /Subtype /Form /BBox [0 0 \(PDFSyntax.number(width)) \(PDFSyntax.number(height))] \(matrix)"
                + "/Resources << /XObject << /Im0 \(imageReference) >> >> /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
            widgetText += " /AP << /N \(formReference) >>"
        }
        add(widget, widgetText + " >>")

        // The page (or its indirect /Annots array) gains the widget.
        if let annots = pageObject["/Annots"], let annotsReference = annots.reference {
            add(annotsReference, "[" + (annots.items.map(\.unparsed) + [widget.description]).joined(separator: " ") + "]")
        } else {
            let annots = pageObject["/Annots"]?.items.map(\.unparsed) ?? []
            add(pageReference, dictionary(pageObject, replacing: ["/Annots": "[" + (annots + [widget.description]).joined(separator: " ") + "]"]))
        }

        // The AcroForm gains the field and /SigFlags 3.
        if let form = root["/AcroForm"], form.kind == .dictionary {
            var replacements = ["/SigFlags": "3"]
            if let fields = form["/Fields"], let fieldsReference = fields.reference {
                add(fieldsReference, "[" + (fields.items.map(\.unparsed) + [widget.description]).joined(separator: " ") + "]")
            } else {
                replacements["/Fields"] = "[" + ((form["/Fields"]?.items.map(\.unparsed) ?? []) + [widget.description]).joined(separator: " ") + "]"
            }
            if let formReference = form.reference {
                add(formReference, dictionary(form, replacing: replacements))
            } else {
                add(rootReference, dictionary(root, replacing: ["/AcroForm": dictionary(form, replacing: replacements)]))
            }
        } else {
            let form = allocate()
            add(form, "<< /Fields [\(widget)] /SigFlags 3 >>")
            add(rootReference, dictionary(root, replacing: ["/AcroForm": form.description]))
        }

        // The revision: the objects, then the cross-reference section.
        var output = original
        if output.last != 0x0A && output.last != 0x0D { output.append(0x0A) }
        var offsets: [PDFReference: Int] = [:]
        for (reference, body) in objects {
            offsets[reference] = output.count
            output += Array("\(reference.number) \(reference.generation) obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        var trailerEntries = "/Root \(rootReference)"
        if let info = trailer["/Info"]?.reference { trailerEntries += " /Info \(info)" }
        if let id = trailer["/ID"]?.items.first?.bytes {
            // The second identifier changes with every revision (ISO 32000-1 §14.4): the SM3 of the first one, the
            // original's length and this revision's objects (which hold the signing time and the field name).
            let changed = Array(id) + Array("\(original.count)".utf8) + Array(output[original.count...])
            trailerEntries += " /ID [\(PDFSyntax.hex(id)) \(PDFSyntax.hex(Array(try SM3.hash(changed).prefix(16))))]"
        }
        trailerEntries += " /Prev \(last.offset)"
        let xrefOffset = output.count
        switch last.kind {
        case .table:
            var section = "xref\n"
            for run in Self.runs(offsets.keys.sorted()) {
                section += "\(run[0].number) \(run.count)\n"
                for reference in run { section += String(format: "%010d %05d n \n", offsets[reference] ?? 0, reference.generation) }
            }
            section += "trailer\n<< /Size \(next) \(trailerEntries) >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
            output += Array(section.utf8)
        case .stream:
            let stream = PDFReference(number: next)
            next += 1
            offsets[stream] = xrefOffset
            let sorted = offsets.keys.sorted()
            var rows: [UInt8] = []
            for reference in sorted {
                let offset = UInt32(offsets[reference] ?? 0)
                rows += [1, UInt8(offset >> 24), UInt8(offset >> 16 & 0xFF), UInt8(offset >> 8 & 0xFF), UInt8(offset & 0xFF)]
                rows += [UInt8(reference.generation >> 8 & 0xFF), UInt8(reference.generation & 0xFF)]
            }
            let index = Self.runs(sorted).map { "\($0[0].number) \($0.count)" }.joined(separator: " ")
            output += Array(("\(stream.number) 0 obj\n<< /Type /XRef /Size \(next) /W [1 4 2] /Index [\(index)] \(trailerEntries) "
                + "/Length \(rows.count) >>\nstream\n").utf8)
            output += rows + Array("\nendstream\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        }
        guard output.count < Int(UInt32.max) else { throw PDFStampError.cannotEdit("the stamped file would exceed 4 GB") }

        // The byte range, written into its placeholder.
        let placeholder = Array(byteRangePlaceholder.utf8)
        guard let rangeStart = Self.find(placeholder, in: output, from: original.count),
            let gapStart = Self.find(Array("/Contents <".utf8), in: output, from: rangeStart).map({ $0 + "/Contents ".utf8.count })
        else { throw PDFStampError.cannotEdit("the signature dictionary was not written as planned") }
        let gapEnd = gapStart + 2 * contentsCapacity + 2
        let values = "/ByteRange [0 \(gapStart) \(gapEnd) \(output.count - gapEnd)]"
        let padded = Array(values.utf8) + Array(repeating: UInt8(ascii: " "), count: placeholder.count - values.utf8.count)
        guard padded.count == placeholder.count else { throw PDFStampError.cannotEdit("the byte range does not fit its placeholder") }
        output.replaceSubrange(rangeStart..<(rangeStart + placeholder.count), with: padded)
        return PDFSignatureRevision(
            bytes: output, fieldName: fieldName, page: page, rect: rect, gapStart: gapStart, gapEnd: gapEnd)
    }

    /// A dictionary written again with its keys as qpdf reads them, `replacements` (key → PDF syntax) put in.
    private static func dictionary(_ object: QPDFObject, replacing replacements: [String: String]) -> String {
        var parts: [String] = []
        for key in object.keys where replacements[key] == nil {
            guard let value = object[key] else { continue }
            parts.append("\(PDFSyntax.name(key)) \(value.unparsed)")
        }
        for (key, value) in replacements.sorted(by: { $0.key < $1.key }) { parts.append("\(PDFSyntax.name(key)) \(value)") }
        return "<< " + parts.joined(separator: " ") + " >>"
    }

    /// Consecutive object numbers grouped, for the xref subsections.
    private static func runs(_ references: [PDFReference]) -> [[PDFReference]] {
        var runs: [[PDFReference]] = []
        for reference in references {
            if let last = runs.last?.last, last.number + 1 == reference.number {
                runs[runs.count - 1].append(reference)
            } else {
                runs.append([reference])
            }
        }
        return runs
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
