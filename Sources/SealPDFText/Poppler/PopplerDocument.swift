internal import CPoppler
import Foundation
import SealPDF

/// A PDF opened by poppler-glib, for finding text on its pages: the one place that sees poppler's and GLib's
/// pointers. The document owns a copy of the bytes (as a GBytes) and is released with it.
final class PopplerDocument {
    private let document: OpaquePointer

    /// Opens `bytes` (an unencrypted PDF).
    /// - Throws: ``PDFStructureError/unreadable(_:)`` with poppler's message.
    init(bytes: [UInt8]) throws {
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "poppler could not open it"
            if let error { g_error_free(error) }
            throw PDFStructureError.unreadable(message)
        }
        self.document = document
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    var pageCount: Int { Int(max(0, poppler_document_get_n_pages(document))) }

    /// Where `text` appears on page `index` (0-based), in order: rectangles `[x1 y1 x2 y2]` in the unrotated page's
    /// points, origin at the bottom-left of its crop box (poppler's convention for find_text).
    func find(_ text: String, onPage index: Int) -> [[Double]] {
        guard let page = poppler_document_get_page(document, Int32(clamping: index)) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        guard let list = poppler_page_find_text_with_options(page, text, POPPLER_FIND_DEFAULT) else { return [] }
        defer { g_list_free_full(list) { poppler_rectangle_free($0?.assumingMemoryBound(to: PopplerRectangle.self)) } }
        var rectangles: [[Double]] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let rectangle = current.pointee.data?.assumingMemoryBound(to: PopplerRectangle.self).pointee {
                rectangles.append([rectangle.x1, rectangle.y1, rectangle.x2, rectangle.y2])
            }
            node = current.pointee.next
        }
        return rectangles
    }

    /// The characters of page `index` (0-based) with their boxes `[x1 y1 x2 y2]`, in poppler's text layout order:
    /// points on the shown page, origin at its top-left corner (unlike ``find(_:onPage:)``). At most `limit`.
    func characters(onPage index: Int, limit: Int) -> [(Character, [Double])] {
        guard let page = poppler_document_get_page(document, Int32(clamping: index)) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        guard let text = poppler_page_get_text(page) else { return [] }
        defer { g_free(text) }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else { return [] }
        defer { g_free(rectangles) }
        // One rectangle per character of the text (poppler counts Unicode characters, line breaks included).
        var result: [(Character, [Double])] = []
        for (offset, scalar) in String(cString: text).unicodeScalars.enumerated() where offset < Int(count) && result.count < limit {
            guard !CharacterSet.whitespacesAndNewlines.contains(scalar) else { continue }
            let r = rectangles[offset]
            result.append((Character(scalar), [r.x1, r.y1, r.x2, r.y2]))
        }
        return result
    }
}
