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
    /// The field's widgets: one, or one per page for a riding seal.
    public let widgets: [Widget]
    /// The 1-based page of the first widget.
    public var page: Int { widgets[0].page }
    /// The first widget's /Rect in the page's user space.
    public var rect: [Double] { widgets[0].rect }
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

    /// One widget annotation of the field: where it is and how the seal's image is drawn in it.
    public struct Widget: Sendable, Equatable {
        /// The 1-based page.
        public var page: Int
        /// /Rect in the page's user space (`[0 0 0 0]` and no image for an invisible signature).
        public var rect: [Double]
        /// The appearance's /Matrix: on a rotated page ``PDFPageGeometry/appearanceMatrix``, which shows it upright
        /// (its box is then the rect's width and height exchanged).
        public var appearanceMatrix: [Double]
        /// Where the whole image is drawn in the appearance's box, `[x y width height]` (user units, upright), when it
        /// is not the whole box: a riding seal's slice shows part of the image, the box clipping the rest.
        public var imageFrame: [Double]?

        public init(page: Int, rect: [Double], appearanceMatrix: [Double] = [1, 0, 0, 1, 0, 0], imageFrame: [Double]? = nil) {
            self.page = page
            self.rect = rect
            self.appearanceMatrix = appearanceMatrix
            self.imageFrame = imageFrame
        }
    }

    /// Prepares the revision on `original`: field `fieldName` with one widget on page `page` (1-based) at `rect`,
    /// /SubFilter `subFilter`, /M `signingTime`, room for `contentsCapacity` signature bytes (see
    /// ``prepare(_:name:fieldName:widgets:image:subFilter:signingTime:reason:contentsCapacity:limits:)``).
    public static func prepare(
        _ original: [UInt8], name: String, fieldName: String, page: Int, rect: [Double], image: Image?, subFilter: String,
        signingTime: Date, reason: String?, contentsCapacity: Int, appearanceMatrix: [Double] = [1, 0, 0, 1, 0, 0],
        limits: PDFLimits = .init()
    ) throws -> PDFSignatureRevision {
        try prepare(
            try PDFFile(original, name: name, limits: limits), name: name, fieldName: fieldName,
            widgets: [Widget(page: page, rect: rect, appearanceMatrix: appearanceMatrix)], image: image, subFilter: subFilter,
            signingTime: signingTime, reason: reason, contentsCapacity: contentsCapacity, limits: limits)
    }

    /// Prepares the revision on `file`: signature field `fieldName` with `widgets` (one is merged with the field;
    /// several become its /Kids, at most one per page), each drawing `image` (none for an invisible signature),
    /// /SubFilter `subFilter`, /M `signingTime`, room for `contentsCapacity` signature bytes.
    /// - Throws: ``PDFStampError`` or ``PDFStructureError`` naming what cannot be read or edited.
    public static func prepare(
        _ file: PDFFile, name: String, fieldName: String, widgets: [Widget], image: Image?, subFilter: String,
        signingTime: Date, reason: String?, contentsCapacity: Int, limits: PDFLimits = .init()
    ) throws -> PDFSignatureRevision {
        let original = file.bytes
        guard !widgets.isEmpty, widgets.count <= max(1, file.pageCount), Set(widgets.map(\.page)).count == widgets.count else {
            throw PDFStampError.cannotEdit("a signature field needs one widget, or one per page (\(widgets.count) given)")
        }
        for widget in widgets {
            guard widget.rect.count == 4, widget.rect.allSatisfy(\.isFinite), widget.appearanceMatrix.count == 6,
                widget.appearanceMatrix.allSatisfy(\.isFinite), (widget.imageFrame?.count ?? 4) == 4, widget.imageFrame?.allSatisfy(\.isFinite) ?? true
            else { throw PDFStampError.cannotEdit("a widget's rectangle, appearance matrix or image frame is not a set of finite numbers") }
            guard (1...max(1, file.pageCount)).contains(widget.page), widget.page <= file.pageCount else {
                throw PDFStampError.noSuchPage(widget.page, pageCount: file.pageCount)
            }
        }
        guard (1...limits.signatureBytes).contains(contentsCapacity) else {
            throw PDFStampError.cannotEdit("room for \(contentsCapacity) signature bytes is outside 1–\(limits.signatureBytes)")
        }
        guard !file.isEncrypted else { throw PDFStampError.encrypted }
        guard file.warnings.isEmpty else { throw PDFStampError.damaged(file.warnings[0]) }
        guard !file.signatureFields.contains(where: { $0.name == fieldName }) else { throw PDFStampError.fieldExists(fieldName) }
        let last = try PDFXRefKind.last(in: original)
        let document = try QPDFDocument(bytes: original, description: name)
        let trailer = document.trailer
        guard let size = trailer["/Size"]?.integer, size > 0, size < Int64(limits.objects) else {
            throw PDFStampError.damaged("the trailer has no usable /Size")
        }
        let root = document.root
        guard let rootReference = root.reference else { throw PDFStampError.cannotEdit("the catalog is not an indirect object") }
        let pages = try document.pages()
        guard pages.count == file.pageCount else { throw PDFStampError.damaged("the page tree reads differently on a second reading") }
        for widget in widgets where pages[widget.page - 1].reference == nil {
            throw PDFStampError.cannotEdit("page \(widget.page) is not an indirect object")
        }

        var next = Int(size)
        func allocate() -> PDFReference {
            defer { next += 1 }
            return PDFReference(number: next)
        }
        var objects: [(PDFReference, [UInt8])] = []
        func add(_ reference: PDFReference, _ text: String) { objects.append((reference, Array(text.utf8))) }

        // The signature dictionary, its /ByteRange a fixed-width placeholder.
        let signature = allocate()
        let byteRangePlaceholder = "/ByteRange [0 " + String(repeating: " ", count: 34) + "]"
        let contentsPlaceholder = "/Contents <" + String(repeating: "0", count: 2 * contentsCapacity) + ">"
        var signatureText = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /\(subFilter) \(byteRangePlaceholder) \(contentsPlaceholder)"
        signatureText += " /M \(PDFSyntax.text(PDFSyntax.date(signingTime)))"
        if let reason { signatureText += " /Reason \(PDFSyntax.text(reason))" }
        signatureText += " /Prop_Build << /App << /Name /SealStation >> >> >>"
        add(signature, signatureText)

        // The image and its soft mask, shared by every widget.
        var imageReference: PDFReference?
        if let image {
            let reference = allocate(), maskReference = allocate()
            add(maskReference, "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceGray "
                + "/BitsPerComponent 8 /Filter /FlateDecode /Length \(image.alphaFlate.count) >>\nstream\n")
            objects[objects.count - 1].1 += image.alphaFlate + Array("\nendstream".utf8)
            add(reference, "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace /DeviceRGB "
                + "/BitsPerComponent 8 /Filter /FlateDecode /SMask \(maskReference) /Length \(image.rgbFlate.count) >>\nstream\n")
            objects[objects.count - 1].1 += image.rgbFlate + Array("\nendstream".utf8)
            imageReference = reference
        }

        // The widgets: one merged with its field, or several (a riding seal) as the field's /Kids.
        let merged = widgets.count == 1
        let field = merged ? nil : allocate()
        var widgetReferences: [PDFReference] = []
        var annotsByPage: [Int: [PDFReference]] = [:]
        for widget in widgets {
            let reference = allocate()
            widgetReferences.append(reference)
            annotsByPage[widget.page, default: []].append(reference)
            let pageReference = pages[widget.page - 1].reference!
            var text = "<< /Type /Annot /Subtype /Widget "
            text += merged ? "/FT /Sig /T \(PDFSyntax.text(fieldName)) /V \(signature) " : "/Parent \(field!) "
            text += "/F 132 /P \(pageReference) /Rect [\(widget.rect.map(PDFSyntax.number).joined(separator: " "))]"
            if let imageReference {
                // A quarter turn shows the rect's width as the appearance's height.
                let matrix = widget.appearanceMatrix
                let quarterTurn = matrix[0] == 0 && matrix[3] == 0
                let rectWidth = abs(widget.rect[2] - widget.rect[0]), rectHeight = abs(widget.rect[3] - widget.rect[1])
                let (width, height) = quarterTurn ? (rectHeight, rectWidth) : (rectWidth, rectHeight)
                let frame = widget.imageFrame ?? [0, 0, width, height]
                let content = "q \(PDFSyntax.number(frame[2])) 0 0 \(PDFSyntax.number(frame[3])) \(PDFSyntax.number(frame[0])) \(PDFSyntax.number(frame[1])) cm /Im0 Do Q"
                let matrixEntry = matrix == [1, 0, 0, 1, 0, 0] ? "" : "/Matrix [\(matrix.map(PDFSyntax.number).joined(separator: " "))] "
                let form = allocate()
                add(form, "<< /Type /XObject /Subtype /Form /BBox [0 0 \(PDFSyntax.number(width)) \(PDFSyntax.number(height))] \(matrixEntry)"
                    + "/Resources << /XObject << /Im0 \(imageReference) >> >> /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
                text += " /AP << /N \(form) >>"
            }
            add(reference, text + " >>")
        }
        if let field {
            add(field, "<< /FT /Sig /T \(PDFSyntax.text(fieldName)) /V \(signature) /Kids [\(widgetReferences.map(\.description).joined(separator: " "))] >>")
        }
        let fieldReference = field ?? widgetReferences[0]

        // Each page (or its indirect /Annots array, once even when pages share it) gains its widget.
        var annotsArrays: [PDFReference: (items: [String], added: [PDFReference])] = [:]
        for (page, added) in annotsByPage.sorted(by: { $0.key < $1.key }) {
            let pageObject = pages[page - 1]
            if let annots = pageObject["/Annots"], let annotsReference = annots.reference {
                annotsArrays[annotsReference, default: (annots.items.map(\.unparsed), [])].added += added
            } else {
                let annots = pageObject["/Annots"]?.items.map(\.unparsed) ?? []
                add(pageObject.reference!, dictionary(pageObject, replacing: ["/Annots": "[" + (annots + added.map(\.description)).joined(separator: " ") + "]"]))
            }
        }
        for (reference, array) in annotsArrays.sorted(by: { $0.key < $1.key }) {
            add(reference, "[" + (array.items + array.added.map(\.description)).joined(separator: " ") + "]")
        }

        // The AcroForm gains the field and /SigFlags 3.
        if let form = root["/AcroForm"], form.kind == .dictionary {
            var replacements = ["/SigFlags": "3"]
            if let fields = form["/Fields"], let fieldsReference = fields.reference {
                add(fieldsReference, "[" + (fields.items.map(\.unparsed) + [fieldReference.description]).joined(separator: " ") + "]")
            } else {
                replacements["/Fields"] = "[" + ((form["/Fields"]?.items.map(\.unparsed) ?? []) + [fieldReference.description]).joined(separator: " ") + "]"
            }
            if let formReference = form.reference {
                add(formReference, dictionary(form, replacing: replacements))
            } else {
                add(rootReference, dictionary(root, replacing: ["/AcroForm": dictionary(form, replacing: replacements)]))
            }
        } else {
            let form = allocate()
            add(form, "<< /Fields [\(fieldReference)] /SigFlags 3 >>")
            add(rootReference, dictionary(root, replacing: ["/AcroForm": form.description]))
        }

        guard Set(objects.map(\.0)).count == objects.count else {
            throw PDFStampError.cannotEdit("the page, /Annots and AcroForm objects to rewrite are not distinct objects")
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
            bytes: output, fieldName: fieldName, widgets: widgets, gapStart: gapStart, gapEnd: gapEnd)
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
