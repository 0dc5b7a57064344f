import Dispatch
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import SealConsole
import SealCrypto
import SealRegistry
import SealStation

extension DemoCommand {
    /// Step 11: the officers' console. `serve` is started on a free loopback port over the demo station and used as a
    /// browser would, over real HTTP: the sign-in form and its CSRF token, sign-in of the operator, the 工作台, the
    /// 查询 list of seals, the security headers, a foreign Host refused (421), a form without its CSRF token refused
    /// (403) with the registry unchanged, and sign-out ending the session.
    func demoConsole(
        station: Station, clerk: OfficerRecord, clerkSecret: SecretBytes, record: (String, String, [URL]) -> Void
    ) throws {
        let passphrase = clerkSecret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let name = clerk.name
        let assets = try ConsoleApplication.assets()
        let (port, visit) = try DemoAsync.run {
            try await DemoServer.run(step: "officers' console") { port, listening in
                let console = try await ConsoleApplication(station: station, listen: try ListenAddress(parsing: "127.0.0.1:\(port)"), assets: assets)
                // Quiet: the demo stops the server by cancelling it, which Hummingbird would log as errors.
                var logger = Logger(label: "sealstation.demo.console")
                logger.logLevel = .critical
                try await console.application(logger: logger, onRunning: listening).runService()
            } visit: { port in
                try await ConsoleVisit.visit(port: port, officer: name, passphrase: passphrase)
            }
        }
        guard visit.signedIn, visit.foreignHostStatus == 421, visit.missingCSRFStatus == 403, visit.signedOut else {
            throw CLIError.demoStepFailed(step: "officers' console", detail: "\(visit)")
        }
        record(
            "officers' console (serve)",
            "http://127.0.0.1:\(port)/: \(name) signed in, 工作台 lists \(visit.workbenchRows) items, 查询 lists \(visit.sealRows) seals; "
                + "CSP \(visit.policy); a foreign Host refused (421), a form without its CSRF token refused (403), sign-out ends the session",
            [])
    }
}

/// What the demo saw on the console, over HTTP.
struct ConsoleVisit: Sendable, CustomStringConvertible {
    var signedIn = false
    var workbenchRows = 0
    var sealRows = 0
    var policy = ""
    var foreignHostStatus: UInt = 0
    var missingCSRFStatus: UInt = 0
    var signedOut = false

    var description: String {
        "signed in \(signedIn), Host check \(foreignHostStatus), CSRF check \(missingCSRFStatus), signed out \(signedOut)"
    }

    /// Signs in as `officer`, reads the workbench and the seal list, tries a foreign Host and a form without its
    /// token, and signs out.
    static func visit(port: Int, officer: String, passphrase: String) async throws -> ConsoleVisit {
        var visit = ConsoleVisit()
        var cookie = ""

        func send(_ path: String, method: HTTPMethod = .GET, form: [(String, String)]? = nil, host: String? = nil) async throws -> (UInt, HTTPHeaders, String) {
            var headers = HTTPHeaders([("Host", host ?? "127.0.0.1:\(port)")])
            if !cookie.isEmpty { headers.add(name: "Cookie", value: cookie) }
            var body: [UInt8]?
            if let form {
                headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                body = Array(form.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
            }
            let response = try await exchange(port: port, method: method, path: path, headers: headers, body: body)
            if let set = response.1["Set-Cookie"].first {
                cookie = String(set.prefix { $0 != ";" })
            }
            return response
        }

        let form = try await send("/sign-in")
        let csrf = token(in: form.2)
        let signIn = try await send("/sign-in", method: .POST, form: [("csrf", csrf), ("name", officer), ("passphrase", passphrase)])
        visit.signedIn = signIn.0 == 303 && signIn.1["Location"].first == "/workbench"
        let workbench = try await send("/workbench")
        visit.policy = workbench.1["Content-Security-Policy"].first ?? ""
        visit.workbenchRows = workbench.2.components(separatedBy: "<tr><td><a href=").count - 1
        let seals = try await send("/seals")
        visit.sealRows = seals.2.components(separatedBy: #"<tr><td><a href="/seals/"#).count - 1
        visit.foreignHostStatus = try await send("/workbench", host: "evil.example:\(port)").0
        visit.missingCSRFStatus = try await send("/sign-out", method: .POST, form: []).0
        let sessionToken = token(in: workbench.2)
        let signOut = try await send("/sign-out", method: .POST, form: [("csrf", sessionToken)])
        let after = try await send("/workbench")
        visit.signedOut = signOut.0 == 303 && after.0 == 303 && after.1["Location"].first == "/sign-in"
        return visit
    }

    /// One HTTP/1.1 request to 127.0.0.1:`port` on its own connection, through NIO's HTTP client codec; the response
    /// read whole (at most 4 MiB).
    static func exchange(
        port: Int, method: HTTPMethod, path: String, headers: HTTPHeaders, body: [UInt8]?
    ) async throws -> (UInt, HTTPHeaders, String) {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
            head.headers.add(name: "Connection", value: "close")
            if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
            // The whole request in one write: a server that answers from the head and closes (a refusal, a GET with
            // Connection: close) would otherwise close the channel under a later write of the same request.
            var parts: [HTTPClientRequestPart] = [.head(head)]
            if let body { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            parts.append(.end(nil))
            do {
                try await outbound.write(contentsOf: parts)
            } catch ChannelError.ioOnClosedChannel {
                // Closed after answering: the answer is read below.
            }
            var status: UInt = 0
            var responseHeaders = HTTPHeaders()
            var text = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let response):
                    status = response.status.code
                    responseHeaders = response.headers
                case .body(var chunk):
                    guard text.readableBytes + chunk.readableBytes <= 4 * 1024 * 1024 else {
                        throw CLIError.demoStepFailed(step: "officers' console", detail: "a page of more than 4 MiB from \(path)")
                    }
                    text.writeBuffer(&chunk)
                case .end:
                    return (status, responseHeaders, String(buffer: text))
                }
            }
            throw CLIError.demoStepFailed(step: "officers' console", detail: "the connection closed before the response to \(path) ended")
        }
    }

    static func token(in page: String) -> String {
        guard let range = page.range(of: #"name="csrf" value="[A-Za-z0-9_-]+""#, options: .regularExpression) else { return "" }
        return String(page[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

/// The result of async work handed to the synchronous demo.
final class DemoAsync<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    func succeed(_ value: Value) { lock.withLock { result = .success(value) }; done.signal() }
    func fail(_ error: any Error) { lock.withLock { result = .failure(error) }; done.signal() }

    func wait() throws -> Value {
        done.wait()
        return try lock.withLock { result! }.get()
    }

    /// Runs `work` and waits for it: the synchronous demo's steps over async APIs (the filing store).
    static func run(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        let outcome = DemoAsync<Value>()
        Task {
            do { outcome.succeed(try await work()) } catch { outcome.fail(error) }
        }
        return try outcome.wait()
    }
}
