public import Foundation
public import SealCrypto
import SealBundle
public import SealFiling
import Hummingbird
public import SealDocument
import SealOFD
import SealPDF
import SealPKI
public import SealSES

/// Verification by the filing service: against the station CAs it knows — those given for enrolment and those of the
/// stations filed — with the CRLs the stations filed, then every seal found looked up in the registry. A seal of
/// another system verifies as far as its own certificates allow and is reported with an unknown issuer, not refused.
public struct FilingVerifier: Sendable {
    /// The station CA certificates chains must reach.
    public let anchors: [Certificate]
    /// The stations filed, by id.
    public let stations: [String: FilingStationRecord]
    /// Each station's latest filed CRL, by station id.
    public let latestCRLs: [String: FiledCRLRecord]
    /// Those CRLs, parsed (by station id order).
    let crls: [CertificateRevocationList]
    /// The time of the verification (CRL staleness, a bare seal's validity).
    public private(set) var now: Date

    /// The same trust, for a verification at `time`.
    public func at(_ time: Date) -> FilingVerifier {
        var copy = self
        copy.now = time
        return copy
    }

    /// The trust of `store` now: its stations' CA certificates and latest CRLs, and the `enrolment` certificates (DER).
    public static func load(store: any FilingStore, enrolment: Set<[UInt8]>, now: Date) async throws -> FilingVerifier {
        let stations = try await store.stations()
        var latestCRLs: [String: FiledCRLRecord] = [:]
        for station in stations {
            if let crl = try await store.latestCRL(stationID: station.id) { latestCRLs[station.id] = crl }
        }
        // Every certificate here was verified when it was given or filed; one that no longer parses (a damaged row)
        // cannot be an anchor, and its seals then show an unknown issuer.
        let ders = Set(stations.map { Array($0.caCertificate) }).union(enrolment)
        let anchors = ders.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { try? Certificate(derEncoded: $0) }
        let crls = latestCRLs.values.sorted { $0.stationID < $1.stationID }.compactMap { try? CertificateRevocationList(derEncoded: Array($0.der)) }
        return FilingVerifier(
            anchors: anchors, stations: Dictionary(stations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), latestCRLs: latestCRLs,
            crls: crls, now: now)
    }

    /// The verification report of `submission` (CPU work: run it off the server's threads).
    /// - Throws: ``APIError`` 415 for a ZIP that is not an OFD, 422 for an OFD or a PDF that cannot be read.
    public func report(_ submission: VerifySubmission) throws(APIError) -> (document: DocumentVerificationReport?, seal: VerificationReport?) {
        let trust = TrustPolicy.anchors(anchors)
        let revocation = RevocationChecker(crls: crls, now: now)
        switch submission {
        case .seal(let seal):
            return (nil, SealVerifier(trust: trust, revocation: revocation).verify(seal, at: now))
        case .signature(let signature, let document, let documentName):
            let ses = SignatureVerifier(trust: trust, revocation: revocation).verify(signature, document: document, fallbackTime: now)
            let signer = (try? Certificate(derEncoded: signature.signerCertificate)).map { "\($0.subject)" }
            let sm3 = document.flatMap { try? SM3.hash($0) }.map { Hex.encode($0) } ?? ""
            return (DocumentVerificationReport.detached(
                document: documentName ?? signature.documentName, documentSM3: sm3, signatureName: "signature", signature: signature,
                signer: signer, ses: ses), nil)
        case .ofd(let bytes):
            do {
                guard try OFDPackage(data: Data(bytes), name: "document.ofd").paths.contains(OFDEntry.path) else {
                    throw APIError(.unsupportedMediaType, "unsupported-content", "the ZIP archive has no OFD.xml at its root: it is not an OFD")
                }
                return (try OFDVerifier(trust: trust, revocation: revocation, at: now).verify(bytes, name: "document.ofd"), nil)
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError(.unprocessableContent, "malformed", "the OFD cannot be read: \(error)")
            }
        case .pdf(let bytes):
            do {
                return (try PDFVerifier(trust: trust, revocation: revocation, at: now).verify(bytes, name: "document.pdf"), nil)
            } catch {
                throw APIError(.unprocessableContent, "malformed", "\(error)")
            }
        }
    }

    /// The filing status of every seal `document` or `seal` (the report of a bare `sealFound`) contains, looked up in `store`.
    public func statuses(
        document: DocumentVerificationReport?, seal: VerificationReport?, sealFound: ElectronicSeal?, in store: any FilingStore
    ) async throws -> [SealFilingStatus] {
        var found: [(status: SealFilingStatus, sm3: String?)] = []
        if let document {
            for signature in document.signatures {
                guard let identity = signature.seal else { continue }
                let knownIssuer = signature.ses?.checks.contains { $0.id == "seal.maker-certificate" && $0.status == .passed } ?? false
                found.append((SealFilingStatus(
                    signatureID: signature.id, esID: identity.esID, name: identity.name, signingTime: signature.signingTime,
                    knownIssuer: knownIssuer), identity.sealSM3))
            }
        }
        if let seal, let sealFound {
            let identity = SealIdentity(sealFound)
            let knownIssuer = seal.checks.contains { $0.id == "maker-certificate" && $0.status == .passed }
            found.append((SealFilingStatus(signatureID: nil, esID: identity.esID, name: identity.name, signingTime: nil, knownIssuer: knownIssuer),
                          identity.sealSM3))
        }
        var statuses: [SealFilingStatus] = []
        for (status, sm3) in found {
            var status = status
            // An esID is at most 64 characters in the registry; a longer one (another system's) is not filed.
            if status.esID.count <= 64, let record = try await store.filedSeals(esID: status.esID).first {
                let serial = try record.holderSerial()
                let crlStatus = try await store.revocationStatus(serial: serial, on: latestCRLs[record.stationID])
                status.file(record, station: stations[record.stationID], crlStatus: crlStatus, serial: serial, sealSM3: sm3, now: now)
            }
            statuses.append(status)
        }
        return statuses
    }
}
