import Foundation
public import Hummingbird

/// A refusal by the filing service: an HTTP status, a stable code for scripts, a message in the caller's terms and,
/// for an invalid bundle, the verification report. Sent as JSON (`{"error": code, "message": …}`).
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code (`invalid-bundle`, `sequence-anomaly`, `unauthorized`…).
    public let code: String
    public let message: String
    /// More JSON for the body (the verification report of an invalid bundle).
    let details: (any Encodable & Sendable)?
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    let headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: (any Encodable & Sendable)? = nil,
                headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    private struct Body: Encodable {
        let error: String
        let message: String
        let details: (any Encodable & Sendable)?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(error, forKey: .error)
            try container.encode(message, forKey: .message)
            if let details { try details.encode(to: container.superEncoder(forKey: .details)) }
        }

        enum CodingKeys: String, CodingKey { case error, message, details }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.response(Body(error: code, message: message, details: details), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    // MARK: - The common refusals

    static let unauthorized = APIError(
        .unauthorized, "unauthorized", "give a client token: Authorization: Bearer sft_… (sealfiling clients add NAME makes one)",
        headers: [.wwwAuthenticate: #"Bearer realm="sealfiling""#])

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not-found", "\(what) is not filed") }

    static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, "bad-parameter", "parameter \(name): \(problem)")
    }

    /// The filing database is unreachable: the client retries after a few seconds.
    static func unavailable(_ reason: String) -> APIError {
        APIError(.serviceUnavailable, "unavailable", reason, headers: [.retryAfter: "5"])
    }
}
