import Foundation
import Dispatch
import SealCrypto
import SealPKI
import SealSES

extension BundleVerifier {
    /// Stage ``BundleCheck/seals``: every seal, in parallel — its files against the SM3s its filing names, the
    /// SES_Seal against the filing, the maker's signature and chain, the holder certificate and its chain, and its
    /// images through ``imageCheck`` (unless `notComparable` says why they cannot be compared here). Passes on the
    /// seals' results, which are kept also when some failed.
    func checkSeals(
        _ bundle: FilingBundle, digests: [String: [DigestAlgorithm: String]], station: VerifiedStation, notComparable: String?
    ) -> BundleStageResult<[BundleVerificationReport.SealResult]> {
        let seals = bundle.seals
        let results = SealResultSlots(count: seals.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, seals.count))
        let sealVerifier = SealVerifier(trust: .anchors([station.certificate]))
        // The seal verifier's cache: the holder certificates it parsed are parsed once.
        let holderChain = CertificateChainVerifier(trustAnchors: [station.certificate], cache: sealVerifier.cache)
        let images = SealImages(
            check: notComparable == nil ? imageCheck : nil, rendering: bundle.rendering,
            skipped: .init(status: .notCompared, detail: notComparable ?? imagesSkipped))
        let progress = self.progress
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < seals.count {
                let result = Self.verify(seals[index], digests: digests, maker: station.maker, station: station.certificate,
                                         sealVerifier: sealVerifier,
                                         holderChain: holderChain, images: images)
                let done = results.set(index, result)
                if let progress, done % 64 == 0 || done == seals.count { progress(done, seals.count) }
                index += workers
            }
        }
        let values = results.values
        let bad = values.filter { !$0.isValid }.count
        let check = bad == 0
            ? BundleCheck.seals.passed("\(values.count) seals verified") : BundleCheck.seals.failed("\(bad) of \(values.count) seals failed")
        return BundleStageResult(check: check, value: values)
    }

    /// One seal: its files against the SM3s its filing names (the digests BagIt validation computed), the
    /// SES_Seal against the filing, its maker (the bundle's, or an earlier maker certificate of the station CA: a seal
    /// made before a maker renewal and changed or revoked after it), the maker's signature and chain, the holder certificate and its chain, the image.
    static func verify(
        _ entry: FilingBundle.SealEntry, digests: [String: [DigestAlgorithm: String]], maker: Certificate, station: Certificate,
        sealVerifier: SealVerifier,
        holderChain: CertificateChainVerifier, images: SealImages
    ) -> BundleVerificationReport.SealResult {
        let filing = entry.filing
        var problems: [String] = []
        for (name, expected) in [("seal.sel", filing.sealSM3), ("seal.png", filing.pngSM3), ("seal.svg", filing.svgSM3),
                                 ("holder-cert.der", filing.holderCertificateSM3)]
        where (name != "seal.png" || entry.png != nil) && digests["data/seals/\(filing.esID)/\(name)"]?[.sm3] != expected {
            problems.append("\(name) does not match its SM3 in filing.json")
        }
        do {
            // Read again from the bundle file: each seal's bytes are in memory only while it is checked.
            let seal = try ElectronicSeal(derEncoded: try entry.sealDER.read())
            if seal.esID != filing.esID { problems.append("the SES_Seal's esID is \(seal.esID), filed as \(filing.esID)") }
            if seal.name != filing.name { problems.append("the SES_Seal's name is \(seal.name), filed as \(filing.name)") }
            if Int(seal.validStart.timeIntervalSince1970) != Int(filing.validFrom.timeIntervalSince1970)
                || Int(seal.validEnd.timeIntervalSince1970) != Int(filing.validTo.timeIntervalSince1970) {
                problems.append("the SES_Seal's validity differs from the filed validity")
            }
            if seal.typeCode != (filing.kind == .unit ? 1 : 2) { problems.append("the SES_Seal's type \(seal.typeCode) is not a \(filing.kind.rawValue) seal") }
            if let png = entry.png, try seal.picture.data != png.read() { problems.append("seal.png is not the SES_Seal's picture") }
            if seal.makerCertificate != maker.derEncoded && !Self.isEarlierMaker(seal.makerCertificate, station: station) {
                problems.append("the SES_Seal is not made by the bundle's seal maker nor by another maker certificate of its station CA")
            }
            let report = sealVerifier.verify(seal, at: seal.validStart)
            for failure in report.failures { problems.append("\(failure.id): \(failure.detail)") }
            if !seal.holderCertificates.contains(entry.holderCertificate) {
                problems.append("holder-cert.der is not in the SES_Seal's certificate list")
            }
            let holder = try sealVerifier.cache.certificate(entry.holderCertificate)
            let chain = holderChain.verify(holder, at: seal.createDate)
            if !chain.isValid { problems.append("holder certificate: \(chain.problems.map(\.description).joined(separator: "; "))") }
        } catch {
            problems.append("seal.sel: \(error)")
        }
        let image = images.compare(entry)
        if image.status == .differs { problems.append("image: \(image.detail)") }
        return BundleVerificationReport.SealResult(esID: filing.esID, name: filing.name, state: filing.state, problems: problems, image: image)
    }

    /// Whether `der` is a maker certificate signed by the station CA `station` other than the bundle's (one replaced
    /// by a maker renewal); its chain and the seal's signature are checked by the seal verifier as for any seal.
    static func isEarlierMaker(_ der: [UInt8], station: Certificate) -> Bool {
        guard let certificate = try? Certificate(derEncoded: der), certificate.isIssued(byNameOf: station) else { return false }
        return (try? certificate.isSignatureValid(under: station.publicKey)) == true
    }
}
