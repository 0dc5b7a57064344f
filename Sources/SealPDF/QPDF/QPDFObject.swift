internal import CQPDF

/// One object of a ``QPDFDocument``, read shallowly: a dictionary's values and an array's items are objects again,
/// so a reference loop is never followed by itself. Valid while its document lives.
struct QPDFObject {
    /// The object types of ISO 32000-1 §7.3.
    enum Kind: Equatable {
        case null, boolean, integer, real, string, name, array, dictionary, stream
    }

    let document: QPDFDocument
    let handle: qpdf_oh

    init(_ document: QPDFDocument, _ handle: qpdf_oh) {
        self.document = document
        self.handle = handle
    }

    var kind: Kind { document.type(handle) }
    var isNull: Bool { kind == .null }
    /// The object's number and generation when it is an indirect object.
    var reference: PDFReference? { document.reference(handle) }

    /// The value of `key` in a dictionary (or a stream's dictionary), nil when absent or null. `key` starts with `/`.
    subscript(key: String) -> QPDFObject? {
        guard kind == .dictionary || kind == .stream else { return nil }
        let value = QPDFObject(document, document.key(handle, key))
        return value.isNull ? nil : value
    }

    /// A dictionary's keys (with their `/`).
    var keys: [String] { kind == .dictionary || kind == .stream ? document.keys(handle) : [] }
    /// An array's items.
    var items: [QPDFObject] {
        guard kind == .array else { return [] }
        return (0..<document.count(handle)).map { QPDFObject(document, document.item(handle, $0)) }
    }
    var integer: Int64? { kind == .integer ? document.integer(handle) : nil }
    var number: Double? { kind == .integer || kind == .real ? document.number(handle) : nil }
    /// A name without its `/`.
    var name: String? { kind == .name ? document.name(handle).map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } : nil }
    /// A string's bytes.
    var bytes: [UInt8]? { kind == .string ? document.string(handle) : nil }
    /// A text string decoded (PDFDocEncoding or UTF-16BE with a BOM).
    var text: String? { kind == .string ? document.text(handle) : nil }
    /// The object in PDF syntax, indirect objects as `n g R`.
    var unparsed: String { document.unparsed(handle) }
    /// An indirect object's content in PDF syntax (the objects inside it as `n g R`).
    var unparsedResolved: String { document.unparsedResolved(handle) }
    /// A stream's data as stored in the file.
    func rawStreamData() throws -> [UInt8] { try document.rawStreamData(handle) }
}
