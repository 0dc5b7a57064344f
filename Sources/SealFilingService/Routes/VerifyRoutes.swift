import Foundation
import Hummingbird
import SealDocument
import SealFiling
import SealSES

extension FilingService {
    /// `POST /v1/verify`: a seal, a signature (alone, or with its document as multipart/form-data), a stamped OFD or
    /// PDF as the body, streamed to disk under ``verifyLimit``, verified against the station CAs the service knows and
    /// their filed CRLs; 200 with the report and the filing status of every seal in it (whatever the verdict), 400 an
    /// empty body or a bad form, 413 too large, 415 not a seal, signature, OFD or PDF, 422 one that cannot be read.
    func addVerifyRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.post("/verify") { request, _ in
            let start = ContinuousClock.now
            // What was sent, once it is recognised: refusals before that count as "unknown".
            var kind: VerifySubmission.Kind?
            do {
                let result = try await verify(request, kind: &kind)
                metrics.documentVerified(kind: result.kind.rawValue, outcome: result.isValid ? "valid" : "invalid", duration: ContinuousClock.now - start)
                return try JSONResponse.response(result)
            } catch let error as APIError {
                metrics.documentVerified(kind: kind?.rawValue ?? "unknown", outcome: error.code, duration: ContinuousClock.now - start)
                throw error
            }
        }
    }

    /// The verification of `request`'s body; `kind` is set once the body is recognised.
    private func verify(_ request: Request, kind: inout VerifySubmission.Kind?) async throws -> VerifyResult {
        let upload = try await Upload.receive(request, into: uploadDirectory, limit: verifyLimit, what: "document")
        defer { upload.remove() }
        let bytes = try upload.contents()
        let submission = try VerifySubmission.read(bytes, contentType: request.headers[.contentType])
        kind = submission.kind
        let store = store, enrolment = enrolment, now = now()
        let verifier = try await call { _ in
            try await trust.verifier(now: now) { try await FilingVerifier.load(store: store, enrolment: enrolment, now: now) }
        }
        // Verification is CPU work: off the server's threads.
        let report: (document: DocumentVerificationReport?, seal: VerificationReport?) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result(catching: { () throws(APIError) in try verifier.report(submission) }))
            }
        }
        let sealFound: ElectronicSeal? = if case .seal(let seal) = submission { seal } else { nil }
        let statuses = try await call { store in
            try await verifier.statuses(document: report.document, seal: report.seal, sealFound: sealFound, in: store)
        }
        let isValid = report.document?.isValid ?? report.seal?.isValid ?? false
        return VerifyResult(kind: submission.kind, isValid: isValid, document: report.document, seal: report.seal, seals: statuses)
    }
}
