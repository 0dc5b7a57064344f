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

    public var description: String {
        switch self {
        case .damaged(let reason): "the PDF is damaged (\(reason)); repair it first, for example with `qpdf in.pdf repaired.pdf`"
        case .encrypted: "the PDF is encrypted; remove its encryption before stamping"
        case .noSuchPage(let page, let count): "page \(page) does not exist: the document has \(count) page(s)"
        case .fieldExists(let name): "the document already has a form field named \(name)"
        case .signatureTooLarge(let bytes, let reserved): "the signature is \(bytes) bytes, more than the \(reserved) reserved for it"
        case .cannotEdit(let reason): "the PDF cannot be stamped: \(reason)"
        }
    }
}
