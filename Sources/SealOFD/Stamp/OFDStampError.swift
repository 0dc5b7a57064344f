public import SealDocument

/// Why a stamp could not be prepared or packaged; each case names the page, keyword, signature or file.
public enum OFDStampError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A position on a page that does not exist: (page asked for, pages in the document).
    case pageOutOfRange(page: Int, pageCount: Int)
    /// A centre that is not a finite number of millimetres.
    case invalidPosition(x: Double, y: Double)
    /// The seal would leave the page: (page, the seal's box, the page's box).
    case outsidePage(page: Int, box: MillimetreBox, pageBox: MillimetreBox)
    /// A keyword search for an empty text, or an occurrence below 1.
    case invalidKeyword(text: String, occurrence: Int)
    /// The keyword does not occur often enough: (keyword, occurrence asked for, occurrences found).
    case keywordNotFound(text: String, occurrence: Int, found: Int)
    /// A riding seal on a document with a single page.
    case ridingNeedsPages(pageCount: Int)
    /// The seal is larger than a page it must fit on: (page, seal width, height, page box).
    case sealLargerThanPage(page: Int, width: Int, height: Int, pageBox: MillimetreBox)
    /// The seal picture's size is not a usable number of millimetres.
    case invalidSealSize(width: Int, height: Int)
    /// An earlier signature covers Signatures.xml (ofdrw's WholeProtected): adding one would break it.
    case signaturesFileProtected(signatureID: String, file: String)
    /// An earlier signature's Signature.xml could not be read: (signature ID, file, why).
    case unreadableSignature(signatureID: String, file: String, String)
    /// The signature counter (MaxSignId and the IDs) cannot be continued: (value, why).
    case signatureCounter(String, String)
    /// OFD.xml or Signatures.xml could not be edited in place: (file, why).
    case cannotEdit(file: String, String)
    /// The signing time is not a date this station writes (years 1950–9999).
    case invalidSigningTime(String)
    /// The signed value handed to `package(signedValue:)` is not the one prepared for: (field, expected, found).
    case signedValueMismatch(field: String, expected: String, found: String)
    /// The package written could not be made (ZIP writer): why.
    case cannotWrite(String)
    /// The package written does not read back as stamped: (file, why). Nothing should be kept.
    case selfCheckFailed(file: String, String)

    public var description: String {
        switch self {
        case .pageOutOfRange(let page, let count):
            return "page \(page) does not exist: the document has \(count) page\(count == 1 ? "" : "s") (pages are numbered from 1)"
        case .invalidPosition(let x, let y): return "the position \(x), \(y) mm is not a finite point on the page"
        case .outsidePage(let page, let box, let pageBox):
            return "the seal at \(box) mm leaves page \(page) (its page box is \(pageBox) mm); move its centre inwards"
        case .invalidKeyword(let text, let occurrence):
            return text.isEmpty ? "the keyword to stamp on is empty" : "occurrence \(occurrence) of keyword '\(text)' is not valid (they are numbered from 1)"
        case .keywordNotFound(let text, let occurrence, let found):
            return found == 0
                ? "the keyword '\(text)' does not occur in the document's page content"
                : "the keyword '\(text)' occurs \(found) time\(found == 1 ? "" : "s") in the document, so occurrence \(occurrence) does not exist"
        case .ridingNeedsPages(let count):
            return "a riding seal (骑缝章) needs at least 2 pages; the document has \(count)"
        case .sealLargerThanPage(let page, let width, let height, let pageBox):
            return "the seal (\(width) × \(height) mm) does not fit on page \(page) (its page box is \(pageBox) mm)"
        case .invalidSealSize(let width, let height):
            return "the seal picture's size \(width) × \(height) mm cannot be drawn (1 to 200 mm each way)"
        case .signaturesFileProtected(let id, let file):
            return "signature \(id) protects \(file) (signed whole-protected): stamping again would break it, so the document cannot take another stamp"
        case .unreadableSignature(let id, let file, let why):
            return "the earlier signature \(id) cannot be read at \(file): \(why)"
        case .signatureCounter(let value, let why): return "the signature counter '\(value)' cannot be continued: \(why)"
        case .cannotEdit(let file, let why): return "\(file) cannot be edited in place: \(why)"
        case .invalidSigningTime(let time): return "the signing time \(time) cannot be written (years 1950 to 9999)"
        case .signedValueMismatch(let field, let expected, let found):
            return "the signed value is not the one prepared for this stamp: its \(field) is \(found), expected \(expected)"
        case .cannotWrite(let why): return "the stamped OFD package cannot be written: \(why)"
        case .selfCheckFailed(let file, let why): return "the stamped OFD package does not read back correctly at \(file): \(why)"
        }
    }
}
