import Foundation
import Hummingbird
import SealFiling

/// Lets a request through only with the bearer token of a client that is not revoked (401 otherwise, before the body
/// is read): the token's SHA-256 is looked up in the store.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: any FilingStore
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count <= 256 else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", let token = ClientToken(presented: String(parts[1])) else {
            throw APIError.unauthorized
        }
        let hash = try token.sha256()
        let store = store
        guard let client = try await StoreCall.run(timeout: timeout, { try await store.client(tokenSHA256: hash) }) else {
            throw APIError.unauthorized
        }
        guard client.revokedAt == nil else {
            throw APIError(.unauthorized, "client-revoked", "the client \(client.name) was revoked; ask for a new token",
                           headers: [.wwwAuthenticate: #"Bearer realm="sealfiling", error="invalid_token""#])
        }
        return try await next(request, context)
    }
}
