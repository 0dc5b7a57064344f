/// Why a PDF cannot be read, in the words a person sending it would understand.
public enum PDFStructureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libqpdf could not read the file at all; its message follows.
    case unreadable(String)
    /// The file is larger than the reader accepts.
    case tooLarge(bytes: Int, limit: Int)
    /// The cross-reference data declares more objects than the reader accepts (a hostile or broken object graph).
    case tooManyObjects(count: Int, limit: Int)
    /// The document has more pages than the reader accepts.
    case tooManyPages(count: Int, limit: Int)
    /// The form field tree is deeper or larger than the reader accepts, or loops.
    case fieldTree(String)
    /// The file does not start like a PDF.
    case notPDF

    public var description: String {
        switch self {
        case .unreadable(let message): "the PDF cannot be read: \(message)"
        case .tooLarge(let bytes, let limit): "the PDF is \(bytes) bytes, over the \(limit)-byte limit; refused before reading"
        case .tooManyObjects(let count, let limit): "the PDF declares \(count) objects, over the limit of \(limit); refused as a hostile object graph"
        case .tooManyPages(let count, let limit): "the PDF has \(count) pages, over the limit of \(limit)"
        case .fieldTree(let reason): "the PDF's form fields (AcroForm) cannot be read: \(reason)"
        case .notPDF: "the file is not a PDF (it does not start with %PDF-)"
        }
    }
}
