import Foundation
import Hummingbird

/// Puts the console's security headers on every response, errors included: a strict Content-Security-Policy, no
/// framing, no MIME sniffing, no referrer, and no caching. Refusals become the error page with their Chinese sentence.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: ConsolePages

    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
            .init("X-Frame-Options")!: "DENY",
            .xContentTypeOptions: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-store",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch ConsoleRefusal.signInRequired where request.method == .get || request.method == .head {
            response = Response(status: .seeOther, headers: [.location: "/sign-in"])
        } catch let error as HTTPError {
            response = pages.error(error.status, message: error.body ?? error.status.reasonPhrase)
        } catch let error as ConsoleRefusal {
            response = pages.error(error.status, message: error.sentence)
        } catch let error as StationRefusal {
            // The station refused the act: its sentence (the same refusal as the command line), in Chinese.
            response = pages.error(ConsoleMessage.status(for: error.underlying), message: ConsoleMessage.sentence(for: error.underlying))
        } catch {
            // The type only: an error's text may carry what an officer typed.
            FileHandle.standardError.write(Data("sealstation serve: a request failed (\(String(reflecting: type(of: error))))\n".utf8))
            response = pages.error(.internalServerError, message: "控制台内部错误，请查看服务器日志。")
        }
        for field in Self.headers {
            response.headers[field.name] = field.value
        }
        return response
    }
}
