import Hummingbird

/// Refuses a request whose `Host` is not the listen address (DNS rebinding): 400 without a Host, 421 for another one.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let accepted: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1.1's Host arrives as the request's authority; a Host field left among the headers is read first.
        let field = request.headers.first { $0.name.canonicalName == "host" }?.value
        guard let host = field ?? request.head.authority, !host.isEmpty else {
            throw HTTPError(.badRequest, message: "请求没有 Host 头。")
        }
        guard accepted.contains(host.lowercased()) else {
            throw HTTPError(.misdirectedRequest, message: "此控制台只接受发往 \(accepted.sorted().joined(separator: " 或 ")) 的请求。")
        }
        return try await next(request, context)
    }
}
