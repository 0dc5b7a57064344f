import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole

/// One browser on the console in a test: keeps the session cookie, sends the Host header, posts forms.
struct ConsoleBrowser {
    let client: any TestClientProtocol
    var host = ConsoleFixture.host
    var cookie: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    /// A response read whole.
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
        /// The value of the hidden `csrf` field of the page's form.
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value="([A-Za-z0-9_-]+)""#, options: .regularExpression) else { return nil }
            return String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
        /// The session cookie this response sets: its value and its attributes.
        var setCookie: String? { headers[values: .setCookie].first { $0.hasPrefix(ConsoleApplication.sessionCookie + "=") } }
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    /// Posts a multipart/form-data form: text fields and files (name, file name, bytes).
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], files: [(String, String, [UInt8])]) async throws -> Page {
        let boundary = "----sealconsole-test-boundary-7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, filename, bytes) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(path, method: .post, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// The bytes of a response (a download), read whole.
    mutating func download(_ path: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        var headers: HTTPFields = [.init("Host")!: host]
        if let cookie { headers[.cookie] = "\(ConsoleApplication.sessionCookie)=\(cookie)" }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        return (response.status, response.headers, Array(buffer: response.body))
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(path, method: method, body: body.map { Array($0.utf8) }, contentType: "application/x-www-form-urlencoded")
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: [UInt8]?, contentType: String) async throws -> Page {
        var headers: HTTPFields = [.init("Host")!: host]
        if let cookie { headers[.cookie] = "\(ConsoleApplication.sessionCookie)=\(cookie)" }
        if body != nil { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        if let set = page.setCookie {
            let value = set.dropFirst(ConsoleApplication.sessionCookie.count + 1).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        return page
    }

    /// Opens the sign-in page and signs in; returns the last response (303 to the workbench when it worked).
    mutating func signIn(_ name: String, _ passphrase: String, role: String? = nil) async throws -> Page {
        let form = try await get("/sign-in")
        var fields = [("csrf", form.csrf ?? ""), ("name", name), ("passphrase", passphrase)]
        if let role { fields.append(("role", role)) }
        return try await post("/sign-in", fields)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
