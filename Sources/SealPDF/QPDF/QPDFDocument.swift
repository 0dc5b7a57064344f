internal import CQPDF
import Foundation

/// A PDF opened by libqpdf (through its C API), the only type that sees qpdf's pointers: it owns the `qpdf_data` and
/// the copy of the file qpdf reads from, and frees both when it goes. Object handles (``QPDFObject``) are valid while
/// it lives. Not thread-safe; every use is inside one reading.
final class QPDFDocument {
    private let data: qpdf_data
    private let buffer: UnsafeMutableBufferPointer<CChar>
    /// What qpdf warned about while reading (a damaged cross-reference table it reconstructed, a bad object).
    private(set) var warnings: [String] = []

    /// Opens the PDF `bytes`; `description` names it in qpdf's messages.
    /// - Throws: ``PDFStructureError/unreadable(_:)`` with qpdf's own message when qpdf cannot read it at all.
    init(bytes: [UInt8], description: String) throws {
        guard let data = qpdf_init() else { throw PDFStructureError.unreadable("libqpdf could not start") }
        self.data = data
        // qpdf reads from the buffer for as long as the document lives.
        buffer = .allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBytes { raw in
            _ = UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, from: raw)
        }
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, QPDF_TRUE)
        let status = qpdf_read_memory(data, description, buffer.baseAddress, UInt64(bytes.count), nil)
        collectWarnings()
        if status & QPDF_ERRORS != 0 {
            throw PDFStructureError.unreadable(lastError() ?? "libqpdf could not read the file")
        }
    }

    deinit {
        var pointer: qpdf_data? = data
        qpdf_cleanup(&pointer)
        buffer.deallocate()
    }

    /// The document's trailer dictionary (for a cross-reference stream, its dictionary).
    var trailer: QPDFObject { QPDFObject(self, qpdf_get_trailer(data)) }
    /// The document catalog (/Root).
    var root: QPDFObject { QPDFObject(self, qpdf_get_root(data)) }
    /// Whether the document is encrypted.
    var isEncrypted: Bool { qpdf_is_encrypted(data) == QPDF_TRUE }

    /// The pages in order, as qpdf's page tree walk finds them (loops in the tree are qpdf's to refuse).
    func pages() throws -> [QPDFObject] {
        let count = qpdf_get_num_pages(data)
        try check()
        guard count >= 0 else { throw PDFStructureError.unreadable("the page tree cannot be read") }
        return (0..<count).map { QPDFObject(self, qpdf_get_page_n(data, Int($0))) }
    }

    /// The object `number` `generation` (null when the file has no such object).
    func object(_ reference: PDFReference) -> QPDFObject {
        QPDFObject(self, qpdf_get_object_by_id(data, Int32(clamping: reference.number), Int32(clamping: reference.generation)))
    }

    /// Throws the error qpdf recorded since the last check, if any.
    func check() throws {
        collectWarnings()
        if qpdf_has_error(data) == QPDF_TRUE, let message = lastError() {
            throw PDFStructureError.unreadable(message)
        }
    }

    private func lastError() -> String? {
        guard let error = qpdf_get_error(data), let text = qpdf_get_error_full_text(data, error) else { return nil }
        return String(cString: text)
    }

    private func collectWarnings() {
        while qpdf_more_warnings(data) == QPDF_TRUE {
            guard let warning = qpdf_next_warning(data), let text = qpdf_get_error_full_text(data, warning) else { break }
            if warnings.count < 100 { warnings.append(String(cString: text)) }
        }
    }

    // MARK: Object handle access for QPDFObject

    func type(_ handle: qpdf_oh) -> QPDFObject.Kind {
        switch qpdf_oh_get_type_code(data, handle) {
        case ot_boolean: .boolean
        case ot_integer: .integer
        case ot_real: .real
        case ot_string: .string
        case ot_name: .name
        case ot_array: .array
        case ot_dictionary: .dictionary
        case ot_stream: .stream
        default: .null
        }
    }

    /// The dictionary of `handle`: itself, or a stream's dictionary (qpdf's dictionary calls do not look into streams).
    private func dictionary(_ handle: qpdf_oh) -> qpdf_oh {
        qpdf_oh_is_stream(data, handle) == QPDF_TRUE ? qpdf_oh_get_dict(data, handle) : handle
    }

    func key(_ handle: qpdf_oh, _ key: String) -> qpdf_oh { qpdf_oh_get_key(data, dictionary(handle), key) }

    func keys(_ handle: qpdf_oh) -> [String] {
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(data, dictionary(handle))
        while qpdf_oh_dict_more_keys(data) == QPDF_TRUE {
            guard let key = qpdf_oh_dict_next_key(data) else { break }
            keys.append(String(cString: key))
        }
        return keys
    }

    func count(_ handle: qpdf_oh) -> Int { Int(max(0, qpdf_oh_get_array_n_items(data, handle))) }
    func item(_ handle: qpdf_oh, _ index: Int) -> qpdf_oh { qpdf_oh_get_array_item(data, handle, Int32(clamping: index)) }

    func integer(_ handle: qpdf_oh) -> Int64? {
        var value: Int64 = 0
        return qpdf_oh_get_value_as_longlong(data, handle, &value) == QPDF_TRUE ? value : nil
    }

    func number(_ handle: qpdf_oh) -> Double? {
        var value = 0.0
        return qpdf_oh_get_value_as_number(data, handle, &value) == QPDF_TRUE ? value : nil
    }

    func name(_ handle: qpdf_oh) -> String? {
        var value: UnsafePointer<CChar>?
        var length = 0
        guard qpdf_oh_get_value_as_name(data, handle, &value, &length) == QPDF_TRUE, let value else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self)
    }

    func string(_ handle: qpdf_oh) -> [UInt8]? {
        var value: UnsafePointer<CChar>?
        var length = 0
        guard qpdf_oh_get_value_as_string(data, handle, &value, &length) == QPDF_TRUE, let value else { return nil }
        return Array(UnsafeRawBufferPointer(start: value, count: length))
    }

    func text(_ handle: qpdf_oh) -> String? {
        var value: UnsafePointer<CChar>?
        var length = 0
        guard qpdf_oh_get_value_as_utf8(data, handle, &value, &length) == QPDF_TRUE, let value else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self)
    }

    func reference(_ handle: qpdf_oh) -> PDFReference? {
        guard qpdf_oh_is_indirect(data, handle) == QPDF_TRUE else { return nil }
        let number = qpdf_oh_get_object_id(data, handle)
        guard number > 0 else { return nil }
        return PDFReference(number: Int(number), generation: Int(qpdf_oh_get_generation(data, handle)))
    }

    /// The object in PDF syntax, indirect objects inside it as `n g R`; an indirect object itself as its content.
    func unparsedResolved(_ handle: qpdf_oh) -> String {
        guard let text = qpdf_oh_unparse_resolved(data, handle) else { return "null" }
        return String(cString: text)
    }

    /// The object in PDF syntax, an indirect object as `n g R`.
    func unparsed(_ handle: qpdf_oh) -> String {
        guard let text = qpdf_oh_unparse(data, handle) else { return "null" }
        return String(cString: text)
    }

    /// A stream's data as stored (no filter applied).
    func rawStreamData(_ handle: qpdf_oh) throws -> [UInt8] {
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = qpdf_oh_get_stream_data(data, handle, qpdf_dl_none, nil, &bytes, &length)
        defer { free(bytes) }
        if status & QPDF_ERRORS != 0 { try check() }
        guard let bytes else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }
}
