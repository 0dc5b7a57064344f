import Foundation
import Hummingbird

/// Counts every request by its route pattern (`/v1/seals/{esID}`, never the esID itself) and status, and times it.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: FilingMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(route: route(context), status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(route: route(context), status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }

    private func route(_ context: Context) -> String {
        context.endpointPath ?? "unmatched"
    }
}
