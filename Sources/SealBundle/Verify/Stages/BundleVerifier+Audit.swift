import Foundation
import SealAudit
import SealCrypto
import SealSES

extension BundleVerifier {
    /// Stage ``BundleCheck/auditChain``: the period's records are exactly those bag-info names, in sequence, and
    /// chain by SM3 from the hash the first one names (the genesis for record 1); the period is their time span.
    static func checkAuditChain(_ bundle: FilingBundle) -> VerificationReport.Check {
        BundleCheck.auditChain.run {
            try verifyAuditChain(bundle)
            return "records \(bundle.info.auditFirstSeq)–\(bundle.info.auditLastSeq) chain by SM3"
        }
    }

    /// Stage ``BundleCheck/auditHead``: the head of the period's records is signed by the station CA, and so is the
    /// binding that names the seal maker allowed to sign this bundle (the SignedData alone would accept any
    /// certificate the CA issued).
    static func checkAuditHead(_ bundle: FilingBundle, station: VerifiedStation) -> VerificationReport.Check {
        BundleCheck.auditHead.run {
            try verifyAuditHead(bundle, station: station)
            return "head \(bundle.auditHead.seq) signed by the station CA, which names the seal maker as this bundle's signer"
        }
    }

    private static func verifyAuditChain(_ bundle: FilingBundle) throws {
        let records = bundle.auditRecords
        guard let first = records.first, first.seq == bundle.info.auditFirstSeq, records.last?.seq == bundle.info.auditLastSeq,
              records.count == Int(bundle.info.auditLastSeq - bundle.info.auditFirstSeq + 1)
        else {
            throw FilingBundleError.inconsistent(
                "data/audit/records.json does not hold exactly records \(bundle.info.auditFirstSeq)–\(bundle.info.auditLastSeq)")
        }
        guard let firstRecord = first.record else {
            throw FilingBundleError.inconsistent("audit record \(first.seq) is out of sequence or has a malformed hash")
        }
        if firstRecord.seq == 1, firstRecord.prevHash != AuditChain.genesis {
            throw FilingBundleError.inconsistent("audit record 1 does not start the chain")
        }
        // The period continues a chain the online side has seen (or starts it): its first record follows whatever
        // hash it names; the rest must chain from there.
        var chain = try AuditChainVerifier(firstSeq: first.seq, previousHash: firstRecord.prevHash)
        for (offset, filed) in records.enumerated() {
            guard filed.seq == bundle.info.auditFirstSeq + Int64(offset), let record = filed.record else {
                throw FilingBundleError.inconsistent("audit record \(filed.seq) is out of sequence or has a malformed hash")
            }
            try chain.check(record)
        }
        if let problem = chain.finish().firstProblem {
            throw FilingBundleError.inconsistent("data/audit/records.json: \(problem)")
        }
        guard records.first?.time == bundle.info.periodStart, records.last?.time == bundle.info.periodEnd else {
            throw FilingBundleError.inconsistent("bag-info Period-Start/Period-End are not the times of the first and last audit records")
        }
    }

    private static func verifyAuditHead(_ bundle: FilingBundle, station: VerifiedStation) throws {
        let head = bundle.auditHead
        let key = station.certificate.publicKey
        guard head.seq == bundle.info.auditLastSeq, head.hash == bundle.auditRecords.last?.hash,
              let hash = Hex.decode(head.hash), let signature = Hex.decode(head.signature)
        else { throw FilingBundleError.inconsistent("data/audit/head.json is not the head of the period's records") }
        guard (try? key.isValidSignature(signature, for: AuditChain.checkpointMessage(seq: head.seq, hash: Data(hash)))) == true else {
            throw FilingBundleError.inconsistent("the audit head's signature does not verify under the station CA key")
        }
        guard head.makerSM3 == Hex.encode(station.maker.fingerprint) else {
            throw FilingBundleError.inconsistent("the seal-maker certificate is not the one the station CA names for this bundle")
        }
        guard let message = AuditHeadFiling.bindingMessage(stationID: bundle.info.stationID, sequence: bundle.info.sequence, makerSM3: head.makerSM3),
              let binding = Hex.decode(head.binding),
              (try? key.isValidSignature(binding, for: message)) == true
        else { throw FilingBundleError.inconsistent("the station CA's binding of bundle \(bundle.info.sequence) to its seal maker does not verify") }
    }
}
