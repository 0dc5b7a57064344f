import Foundation
import Hummingbird
import Mustache

/// The console's Mustache templates and its style sheet, read once from the directory of console assets
/// (`ShippedData.console`). Every value is inserted with `{{ }}`, escaped by ``ConsoleHTMLEscaping``, which each
/// template selects on its first line.
struct ConsolePages: Sendable {
    /// The templates the console renders; all must be there.
    static let templateNames = [
        "sign-in", "workbench", "error", "table", "application-new", "applications", "application", "seals", "seal",
        "job", "filing", "backup", "audit",
        "uses", "use", "verify", "use-log", "stamp-preview",
    ]

    private let library: MustacheLibrary
    /// `console.css`, served at `/static/console.css`.
    let styleSheet: [UInt8]
    /// `console.js`, served at `/static/console.js`: the live preview and the as-typed checks.
    let script: [UInt8]

    init(directory: URL) async throws(ConsoleAssetsError) {
        try Self.checkEscaping(directory: directory)
        ConsoleHTMLEscaping.register()
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory.path)
        } catch {
            throw .unreadable(directory: directory.path, problem: String(describing: error))
        }
        for name in Self.templateNames where library.getTemplate(named: name) == nil {
            throw .missingTemplate(directory: directory.path, name: "\(name).mustache")
        }
        let css = directory.appendingPathComponent("console.css")
        guard let data = FileManager.default.contents(atPath: css.path) else {
            throw .missingTemplate(directory: directory.path, name: "console.css")
        }
        let js = directory.appendingPathComponent("console.js")
        guard let script = FileManager.default.contents(atPath: js.path) else {
            throw .missingTemplate(directory: directory.path, name: "console.js")
        }
        self.library = library
        self.styleSheet = Array(data)
        self.script = Array(script)
    }

    /// Every template in `directory` must select ``ConsoleHTMLEscaping`` on its first line: one that does not would
    /// render with swift-mustache's own escaping.
    private static func checkEscaping(directory: URL) throws(ConsoleAssetsError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw .unreadable(directory: directory.path, problem: error.localizedDescription)
        }
        for name in names.sorted() {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw .unreadable(directory: directory.path, problem: "\(name) cannot be read")
            }
            let firstLine = String(decoding: data.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            guard firstLine == ConsoleHTMLEscaping.pragma else {
                throw .escapingNotSelected(directory: directory.path, name: name, pragma: ConsoleHTMLEscaping.pragma)
            }
        }
    }

    /// The page `name` rendered over `object`, as a response.
    func response(_ name: String, _ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(object, withTemplate: name) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page: `status` and a Chinese sentence.
    func error(_ status: HTTPResponse.Status, message: String) -> Response {
        response("error", ErrorPage(title: "\(status.code) \(status.reasonPhrase)", message: message), status: status)
    }
}
