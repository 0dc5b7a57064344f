public import SealDocument
import SealSES

/// Why a PDF cannot be stamped, naming the page, field or part of the file.
public enum PDFStampError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is damaged (libqpdf had to reconstruct it, or its end is not a cross-reference): appending to it
    /// would make a file readers disagree about.
    case damaged(String)
    /// Encrypted PDFs are not stamped.
    case encrypted
    /// The page asked for is not in the document.
    case noSuchPage(Int, pageCount: Int)
    /// A field of that name exists already.
    case fieldExists(String)
    /// The signature made does not fit the space reserved for it.
    case signatureTooLarge(bytes: Int, reserved: Int)
    /// Part of the document's structure cannot be edited as an incremental update (named).
    case cannotEdit(String)
    /// The seal would leave the shown page: (page, the seal's box, the page's width and height), all in mm.
    case outsidePage(page: Int, box: MillimetreBox, pageWidth: Double, pageHeight: Double)
    /// The seal picture's size is not a usable number of millimetres.
    case invalidSealSize(width: Int, height: Int)
    /// A keyword search for an empty text, or an occurrence outside 1–10000.
    case invalidKeyword(text: String, occurrence: Int)
    /// The keyword does not occur often enough: (keyword, occurrence asked for, occurrences found).
    case keywordNotFound(text: String, occurrence: Int, found: Int)
    /// A seal placed on a keyword without a ``PDFKeywordSearch`` to find it (SealPDFText's `PDFTextSearch`).
    case noKeywordSearch(text: String)
    /// A centre that is not a finite number of millimetres on the page.
    case invalidPosition(x: Double, y: Double)
    /// A riding seal on a document with a single page.
    case ridingNeedsPages(pageCount: Int)
    /// The seal is larger than a page it must fit on: (page, seal width, height, page width, height), in mm.
    case sealLargerThanPage(page: Int, width: Double, height: Double, pageWidth: Double, pageHeight: Double)
    /// The signed value handed to `signed(...)` is not the one prepared for: (what, expected, found).
    case signedValueMismatch(field: String, expected: String, found: String)
    /// The stamped file does not read back as written: why. Nothing should be kept.
    case selfCheckFailed(String)

    public var description: String {
        switch self {
        case .damaged(let reason): "the PDF is damaged (\(reason)); repair it first, for example with `qpdf in.pdf repaired.pdf`"
        case .encrypted: "the PDF is encrypted; remove its encryption before stamping"
        case .noSuchPage(let page, let count): "page \(page) does not exist: the document has \(count) page(s)"
        case .fieldExists(let name): "the document already has a form field named \(name)"
        case .signatureTooLarge(let bytes, let reserved): "the signature is \(bytes) bytes, more than the \(reserved) reserved for it"
        case .cannotEdit(let reason): "the PDF cannot be stamped: \(reason)"
        case .outsidePage(let page, let box, let width, let height):
            "the seal at \(box) mm leaves page \(page) (shown \(MillimetreBox.format(width)) × \(MillimetreBox.format(height)) mm); move its centre inwards"
        case .invalidSealSize(let width, let height): "the seal picture's size \(width) × \(height) mm is not usable (1–\(SealPicture.maximumSizeMM) mm)"
        case .invalidKeyword(let text, let occurrence):
            text.isEmpty ? "the keyword to stamp on is empty" : "occurrence \(occurrence) of keyword '\(text)' is not valid (1–10000)"
        case .keywordNotFound(let text, let occurrence, let found):
            found == 0
                ? "the keyword '\(text)' does not occur in the document's text"
                : "the keyword '\(text)' occurs \(found) time(s) in the document, so occurrence \(occurrence) does not exist"
        case .noKeywordSearch(let text): "the keyword '\(text)' cannot be looked for: no text search was given to the stamp"
        case .invalidPosition(let x, let y): "the position \(x), \(y) mm is not a point on the page"
        case .ridingNeedsPages(let count): "a riding seal (骑缝章) needs at least 2 pages; the document has \(count)"
        case .sealLargerThanPage(let page, let width, let height, let pageWidth, let pageHeight):
            "the seal (\(MillimetreBox.format(width)) × \(MillimetreBox.format(height)) mm) is larger than page \(page) (\(MillimetreBox.format(pageWidth)) × \(MillimetreBox.format(pageHeight)) mm)"
        case .signedValueMismatch(let field, let expected, let found):
            "the signature was not made for this stamp: its \(field) is \(found), the stamp prepared \(expected)"
        case .selfCheckFailed(let reason): "the stamped PDF does not read back as written (\(reason)); nothing was kept"
        }
    }
}
