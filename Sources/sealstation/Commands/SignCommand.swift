import ArgumentParser
import Foundation
import SealASN1
import SealCommandLine
import SealCrypto
import SealDocument
import SealOFD
import SealPDF
import SealPKI
import SealSES
import SealViews

/// `sealstation sign`: a GB/T 38540 signature (电子签章) over a detached document.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a document with a seal: a GB/T 38540 SES_Signature over the document's SM3.",
        discussion: """
            The holder key must belong to one of the seal's holder certificates (found in the seal, or given with --cert when the seal lists digests). The document name goes into propertyInfo (non-ASCII percent-encoded).

            Example:
              sealstation sign --seal contract.sel --key holder.p8 contract.pdf --out contract.pdf.ses --passphrase-file holder.pass
            """)

    @Option(help: ArgumentHelp("The seal to sign with.", valueName: "X.sel"))
    var seal: String

    @Option(help: ArgumentHelp("The holder's encrypted key.", valueName: "HOLDER.p8"))
    var key: String

    @Option(help: ArgumentHelp("The holder's certificate (default: the seal's holder certificate for the key).", valueName: "CERT"))
    var cert: String?

    @Argument(help: ArgumentHelp("The document to sign.", valueName: "DOC"))
    var document: String

    @Option(help: ArgumentHelp("The document name recorded in the signature (default: the file name).", valueName: "NAME"))
    var name: String?

    @Option(help: ArgumentHelp("The signature file to create.", valueName: "DOC.ses"))
    var out: String

    @OptionGroup var passphrase: PassphraseOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
        let parsedSeal = try InputFile.parse(seal, as: .seal, limit: sesMaximumInputSize) { try ElectronicSeal(derEncoded: $0) }
        let documentBytes = try ProtectedFile.read(document, limit: 1 << 30)
        // The key must be the private key of the holder certificate (given, or one the seal lists): a damaged key
        // file can decrypt to another valid-looking key.
        let candidates = try cert.map { [try InputFile.parse($0, as: .certificate) { try Certificate(derOrPEM: $0) }] }
            ?? parsedSeal.holderCertificates.map { try Certificate(derEncoded: $0) }
        guard !candidates.isEmpty else { throw SealSESError.holderCertificateNeeded }
        let (holderKey, holderCertificate) = try KeyFile.unlock(
            key, passphrase: passphrase.existing(for: key), certificates: candidates, role: "holder")
        let signature = try SignatureMaker.sign(
            document: documentBytes, documentName: name ?? (document as NSString).lastPathComponent, seal: parsedSeal,
            holderKey: holderKey, holderCertificate: holderCertificate, signingTime: Date())
        try ProtectedFile.write(signature.derEncoded, to: out, mode: ProtectedFile.publicMode)
        let summary = SignatureSummary(signature, path: out)
        try Output.emit(summary, json: json) { summary.rows }
    }
}

/// `sealstation verify`: verify a stamped OFD or PDF, or a detached signature against its document.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a stamped OFD or PDF (验章), or a detached signature against its document: hashes, signer, holder, seal and times.",
        discussion: """
            Exit code 0 only when every signature and every check passes; 2 when any fails (each failure is named).

            An .ofd document is verified with the signatures it carries, every one of them: the files each protects, what it does not protect (template pages, fonts, images outside its References, files added after signing), where its seal appears, the SES signature and seal, and that it was made inside the validity of the seal and of the signer's and the maker's certificates. A .pdf document without --signature is verified with its signature fields: the byte range, the CMS SignedData (SM2 with SM3, or ECDSA P-256 with SHA-256), the signer's chain and the GB/T 38540 SES_Signature with its seal that SealStation carries in the CMS; a signature followed by later revisions is reported as not verified, because what they change is not analysed yet. Another document needs its detached signature (--signature DOC.ses).

            With --crl every certificate on the signer's path is looked up at the signing time and the seal maker's at the seal's creation: a signature claimed after its certificate's revocation does not verify; one claimed before is reported with both times (the time is the signer's claim); a compromised key never verifies. A stale CRL is reported, not trusted; --require-crl makes a missing status a failure. --at sets the time CRLs are judged at (and, for a v1 signature without a usable time, the time it is checked at).

            Examples:
              sealstation verify 合同-已盖章.ofd --ca station/ca --crl station-ca.crl
              sealstation verify invoice.ofd --no-trust-check --at 2020-07-23 --json
              sealstation verify 合同-已盖章.pdf --ca station/ca
              sealstation verify --signature contract.pdf.ses contract.pdf --ca station/ca
              sealstation verify --signature contract.pdf.ses contract.pdf --ca station/ca --crl station-ca.crl --require-crl
            """)

    @Option(help: ArgumentHelp("The detached signature file (not for an OFD, which carries its signatures; a PDF's own signatures are verified without it).", valueName: "DOC.ses"))
    var signature: String?

    @Argument(help: ArgumentHelp("The stamped OFD or PDF, or the signed document.", valueName: "DOC"))
    var document: String

    @OptionGroup var trust: TrustOptions

    @OptionGroup var revocation: RevocationOptions

    @Option(help: ArgumentHelp("Judge CRLs (and v1 signatures without a time) at this ISO 8601 time or date instead of now.", valueName: "TIME"))
    var at: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// Whether `document` is an OFD verified with its own signatures.
    var isOFD: Bool { (document as NSString).pathExtension.lowercased() == "ofd" }
    /// Whether `document` is a PDF (verified with its own signatures unless a detached one is given).
    var isPDF: Bool { (document as NSString).pathExtension.lowercased() == "pdf" }

    func validate() throws {
        if isOFD, signature != nil {
            throw ValidationError("an .ofd document carries its signatures; verify it without --signature")
        }
        if !isOFD, !isPDF, signature == nil {
            throw ValidationError("give the detached signature with --signature DOC.ses (only .ofd and .pdf documents carry their own)")
        }
    }

    func run() throws {
        let time = try at.map { try parseTime($0) } ?? Date()
        let checker = try revocation.checker(now: time)
        guard let signature else {
            let url = URL(fileURLWithPath: document)
            let report =
                if isPDF {
                    try PDFVerifier(trust: try trust.policy, intermediates: try trust.intermediates, revocation: checker, at: time)
                        .verify(contentsOf: url)
                } else {
                    try OFDVerifier(trust: try trust.policy, intermediates: try trust.intermediates, revocation: checker, at: time)
                        .verify(contentsOf: url)
                }
            if json {
                print(try Output.json(report))
            } else {
                DocumentReportText.lines(report).forEach { print($0) }
            }
            if !report.isValid { throw ExitStatus.verificationFailed }
            return
        }
        let parsed = try InputFile.parse(signature, as: .signature, limit: sesMaximumInputSize) { try ElectronicSignature(derEncoded: $0) }
        let verifier = SignatureVerifier(trust: try trust.policy, intermediates: try trust.intermediates, revocation: checker)
        let bytes = try ProtectedFile.read(document, limit: 1 << 30)
        let report = verifier.verify(parsed, document: bytes, fallbackTime: time)
        guard json else { return try emitVerification(report, json: false) }
        // --json: the one document report every verifier gives (OFD, PDF, detached), the SES checks inside it.
        let signer = (try? Certificate(derEncoded: parsed.signerCertificate)).map { "\($0.subject)" }
        let documentReport = DocumentVerificationReport.detached(
            document: (document as NSString).lastPathComponent, documentSM3: Hex.encode(try SM3.hash(bytes)),
            signatureName: (signature as NSString).lastPathComponent, signature: parsed, signer: signer, ses: report)
        print(try Output.json(documentReport))
        if !report.isValid { throw ExitStatus.verificationFailed }
    }
}

/// `sealstation signature …`.
struct SignatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature",
        abstract: "Inspect signatures (SES_Signature).",
        subcommands: [Show.self])
}

extension SignatureCommand {
    /// `sealstation signature show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a signature's fields and check both signatures (signer's and seal maker's) without the document.",
            discussion: """
                Certificates are not chained unless --ca or --anchor is given. Exit code 2 when a signature does not verify.

                Example:
                  sealstation signature show contract.pdf.ses --json
                """)

        @Argument(help: ArgumentHelp("The signature file.", valueName: "DOC.ses"))
        var signature: String

        @Option(help: ArgumentHelp("A station CA directory to chain certificates to; repeatable.", valueName: "DIR"))
        var ca: [String] = []

        @Option(help: ArgumentHelp("A trust anchor certificate; repeatable.", valueName: "CERT"))
        var anchor: [String] = []

        @Flag(help: "Print the result as JSON.")
        var json = false

        struct Result: Encodable {
            var signature: SignatureSummary
            var seal: SealSummary
            var verification: VerificationReport
        }

        func run() throws {
            let parsed = try InputFile.parse(signature, as: .signature, limit: sesMaximumInputSize) { try ElectronicSignature(derEncoded: $0) }
            let anchors = try loadCertificates(ca + anchor)
            let report = SignatureVerifier(trust: anchors.isEmpty ? .noTrustCheck : .anchors(anchors))
                .verify(parsed, document: nil, fallbackTime: Date())
            let result = Result(
                signature: SignatureSummary(parsed, path: signature), seal: SealSummary(parsed.seal, path: nil), verification: report)
            if json {
                print(try Output.json(result))
            } else {
                print(Output.table(result.signature.rows))
                print("")
                print(Output.table(result.seal.rows.map { ("seal \($0.0)", $0.1) }))
                print("")
                print(Output.grid(header: ["status", "check", "detail"], rows: report.checks.map { [$0.status.rawValue, $0.title, $0.detail] }))
                for deviation in report.deviations { print("deviation: \(deviation)") }
            }
            if !report.isValid { throw ExitStatus.verificationFailed }
        }
    }
}
