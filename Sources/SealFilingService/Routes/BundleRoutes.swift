import Foundation
import Hummingbird
import SealBundle
import SealCrypto
import SealFiling

extension FilingService {
    /// `POST /v1/bundles`: the bundle file as the body, streamed to disk, verified, then imported. 201 imported, 200
    /// already imported, 409 a sequence anomaly (gap, late, replay of another number, fork) with the reason, 422 a bundle
    /// that does not verify (with the report) or that the import policy refuses, 413 too large, 503 database unavailable.
    func addBundleRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.post("/bundles") { request, _ in
            let upload: Upload
            do {
                upload = try await Upload.receive(request, into: uploadDirectory, limit: uploadLimit)
            } catch let error as APIError {
                metrics.bundleReceived(error.code)
                throw error
            }
            defer { upload.remove() }
            return try await importUpload(upload)
        }
    }

    private func importUpload(_ upload: Upload) async throws -> Response {
        var configured = BundleVerifier(imagesSkipped: "the filing service does not redraw seal images; sealstation bundle verify does")
        configured.decryption = decryption
        let verifier = configured
        let start = ContinuousClock.now
        // Verification is CPU work (and parallel inside): off the server's threads.
        let outcome = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: verifier.verify(upload.url)) }
        }
        metrics.verification(valid: outcome.report.isValid, duration: ContinuousClock.now - start)
        guard outcome.report.isValid, let bundle = outcome.bundle, let station = outcome.stationCertificate else {
            metrics.bundleReceived("invalid")
            throw APIError(.unprocessableContent, "invalid-bundle",
                           "the bundle does not verify: \(outcome.report.firstFailure ?? "unknown failure"); nothing was stored",
                           details: outcome.report)
        }
        // The station's CA is pinned when it is among the enrolment certificates (its first bundle needs that).
        let submission = ImportPolicy.Submission(bundle: bundle, sm3: outcome.report.sm3, stationCertificate: station.derEncoded,
                                                 anchored: enrolment.contains(station.derEncoded))
        let importer = BundleImporter(store: store)
        let now = now()
        do {
            let result = try await StoreCall.run(timeout: storeTimeout) { try await importer.importBundle(submission, now: now) }
            // It may have enrolled a station or filed a CRL: /v1/verify reads the trust again.
            if result.status == .imported { await trust.invalidate() }
            metrics.bundleReceived(result.status.rawValue)
            if result.status == .imported { metrics.sealsImported(result.seals) }
            return try JSONResponse.response(result, status: result.status == .imported ? .created : .ok)
        } catch let error as BundleImportError {
            switch error {
            case .gap, .conflict:
                metrics.bundleReceived("sequence-anomaly")
                throw APIError(.conflict, "sequence-anomaly", "\(error)".replacingOccurrences(of: " (give --accept-gap to import it anyway)", with: ""))
            case .stationNotEnrolled:
                metrics.bundleReceived("not-enrolled")
                throw APIError(.unprocessableContent, "station-not-enrolled",
                               "\(error) — the service enrols a station whose CA certificate it was given (sealfiling serve --enrol)")
            default:
                metrics.bundleReceived("refused")
                throw APIError(.unprocessableContent, "refused", "\(error)")
            }
        } catch let error as APIError {
            metrics.bundleReceived(error.code)
            throw error
        }
    }
}
