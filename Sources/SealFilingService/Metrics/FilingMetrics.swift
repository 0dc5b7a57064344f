import Foundation
import Prometheus

/// The service's Prometheus metrics (`GET /metrics`): bundles received by outcome, seals imported, verifications by
/// kind and outcome, requests by route and status, and the latencies of imports, verifications and queries.
final class FilingMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Imports by outcome: imported, already-imported, sequence-anomaly, invalid, refused, unavailable, too-large.
    func bundleReceived(_ outcome: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "bundles", unitName: "total",
                                             helpText: "Bundles uploaded, by outcome."),
            labels: [("outcome", outcome)]
        ).increment()
    }

    func sealsImported(_ count: Int) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "seals_imported", unitName: "total",
                                                              helpText: "Seals filed by imported bundles.")).increment(by: Int64(count))
    }

    /// A request's route pattern, status and duration.
    func request(route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "requests", unitName: "total", helpText: "HTTP requests, by route and status."),
            labels: [("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "request_duration", unitName: "seconds",
                                             helpText: "HTTP request latency, by route."),
            labels: [("route", route)], buckets: Self.buckets
        ).record(duration)
    }

    /// One bundle's verification (its archive, signatures, seals), by result.
    func verification(valid: Bool, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "verification_duration", unitName: "seconds",
                                             helpText: "Bundle verification latency, by result."),
            labels: [("result", valid ? "valid" : "invalid")], buckets: Self.buckets
        ).record(duration)
    }

    /// One `POST /v1/verify`: what was sent (seal, signature, ofd, pdf; unknown when refused before it was recognised),
    /// the outcome (valid, invalid, or the refusal's code) and how long it took.
    func documentVerified(kind: String, outcome: String, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "verifications", unitName: "total",
                                             helpText: "Verifications of seals, signatures and documents, by kind and outcome."),
            labels: [("kind", kind), ("outcome", outcome)]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "sealfiling", metricName: "document_verification_duration", unitName: "seconds",
                                             helpText: "Verification latency of seals, signatures and documents, by kind."),
            labels: [("kind", kind)], buckets: Self.buckets
        ).record(duration)
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] { registry.emitToBuffer() }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
}
