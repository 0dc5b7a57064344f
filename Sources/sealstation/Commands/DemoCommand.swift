import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealRender
import SealSES

/// `sealstation demo`: the whole flow that exists so far, non-interactively, in a fresh station.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run everything the station can do so far in a fresh station directory, non-interactively.",
        discussion: """
            Creates the station CA, the seal-maker (制章人) key and certificate, SM2 and ECDSA P-256 holder keys and
            certificates, a PKCS#10 request for an external CA, and verifies every chain; renders the seal image from
            the special-40 template (SVG, PNG at 600 dpi, PDF), makes a GB/T 38540 seal with it, signs a sample
            document with the seal (SES_Signature), and verifies seal and signature. A random demo passphrase is written to DIR/demo-passphrase.txt (0600); a real station prompts
            for it. Prints where each output is.

            Example:
              sealstation demo --dir /tmp/sealstation-demo
            """)

    @Option(help: ArgumentHelp("The station directory (new or empty; default: a new temporary directory).", valueName: "DIR"))
    var dir: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Step: Encodable {
        var step: String
        var result: String
        var files: [String]
    }

    struct Report: Encodable {
        var directory: String
        var steps: [Step]
    }

    func run() throws {
        let directory = try prepareDirectory()
        var steps: [Step] = []
        func record(_ step: String, _ result: String, _ files: [URL]) {
            steps.append(Step(step: step, result: result, files: files.map(\.path)))
            if !json { FileHandle.standardError.write(Data("✓ \(step)\n".utf8)) }
        }
        let now = Date()

        // 1. The demo passphrase: random, in a 0600 file (a real station prompts for it).
        let passphraseFile = directory.appendingPathComponent("demo-passphrase.txt")
        var passphraseBytes = Array(Hex.encode(try SecureRandom.bytes(count: 16)).utf8)
        try ProtectedFile.write(passphraseBytes + [0x0a], to: passphraseFile.path, mode: ProtectedFile.secretMode)
        let passphrase = SecretBytes(consuming: &passphraseBytes)
        record("demo passphrase", "random, 0600", [passphraseFile])

        // 2. The station CA.
        let ca = try StationCA.create(
            in: directory.appendingPathComponent("ca"),
            subject: DistinguishedName(parsing: "/C=CN/O=某市公安局/OU=电子印章制作站/CN=某市电子印章站点根CA"),
            passphrase: passphrase, now: now)
        let caKey = try ca.unlockKey(passphrase: passphrase)
        record("station CA (self-signed SM2 root)", "\(ca.certificate.subject)",
               [URL(fileURLWithPath: ca.certificatePath), URL(fileURLWithPath: ca.keyPath)])

        // 3. Keys and certificates: the seal maker and two holders.
        let keys = directory.appendingPathComponent("keys"), certs = directory.appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        let parties: [(name: String, role: CertificateRole, algorithm: KeyAlgorithm, subject: String, days: Int)] = [
            ("maker", .maker, .sm2, "/C=CN/O=某市公安局/OU=电子印章制作站/CN=制章人", 1825),
            ("holder-sm2", .holder, .sm2, "/C=CN/O=北京某某科技发展有限公司/OU=91110108MA00000070/CN=合同专用章", 730),
            ("holder-p256", .holder, .p256, "/C=CN/O=北京某某科技发展有限公司/OU=91110108MA00000070/CN=财务专用章", 730),
        ]
        var issued: [String: (PrivateKey, Certificate)] = [:]
        for party in parties {
            let key = try PrivateKey.generate(party.algorithm)
            let keyFile = keys.appendingPathComponent("\(party.name).p8")
            try ProtectedFile.write(try key.encryptedPKCS8(passphrase: passphrase), to: keyFile.path, mode: ProtectedFile.secretMode)
            let certificate = try ca.issue(
                role: party.role, subject: DistinguishedName(parsing: party.subject), publicKey: key.publicKey,
                validityDays: party.days, caKey: caKey, now: now)
            let der = certs.appendingPathComponent("\(party.name).cert.der")
            let pem = certs.appendingPathComponent("\(party.name).cert.pem")
            try ProtectedFile.write(certificate.derEncoded, to: der.path, mode: ProtectedFile.publicMode)
            try ProtectedFile.write(Array(certificate.pemEncoded.utf8), to: pem.path, mode: ProtectedFile.publicMode)
            issued[party.name] = (key, certificate)
            record("\(party.role.chineseName) \(party.algorithm.displayName) key and certificate",
                   "\(certificate.subject)", [keyFile, der, pem])
        }

        // 4. A PKCS#10 request for the maker key, for an external CA.
        let request = try CertificationRequest.make(
            subject: DistinguishedName(parsing: parties[0].subject), key: issued["maker"]!.0)
        let requestFile = directory.appendingPathComponent("maker.csr.der")
        try ProtectedFile.write(request.derEncoded, to: requestFile.path, mode: ProtectedFile.publicMode)
        record("PKCS#10 request for the maker key", try request.isSelfSignatureValid() ? "self-signature OK" : "BAD", [requestFile])

        // 5. Every chain, verified in Swift.
        let verifier = CertificateChainVerifier(trustAnchors: [ca.certificate])
        var allValid = true
        for party in parties {
            let result = verifier.verify(issued[party.name]!.1, at: now.addingTimeInterval(1), requiredKeyUsage: [.digitalSignature, .nonRepudiation])
            allValid = allValid && result.isValid
            record("chain of \(party.name)", result.isValid ? "OK" : result.problems.map(\.description).joined(separator: "; "), [])
        }

        // 6. A GB/T 38540 seal: the SM2 holder may sign with it; the maker signs it.
        let seals = directory.appendingPathComponent("seals")
        try FileManager.default.createDirectory(at: seals, withIntermediateDirectories: true)
        let template = try TemplateLibrary(directory: TemplateLibrary.defaultDirectory()).template("special-40")
        let images = try RenderCommand.write(
            template, content: SealContent(["name": "北京某某科技发展有限公司", "useName": "合同专用章"]),
            renderer: try SealRenderer(), basePath: seals.appendingPathComponent("contract-seal").path, dpi: SealRenderer.defaultDPI)
        let pictureFile = seals.appendingPathComponent("contract-seal.png")
        let picture = try ProtectedFile.read(pictureFile.path)
        record("seal image (template \(template.id), \(Int(template.widthMM)) mm)", "SVG, PNG 600 dpi, PDF",
               images.map { URL(fileURLWithPath: $0.path) })
        let (makerKey, makerCertificate) = issued["maker"]!
        let (holderKey, holderCertificate) = issued["holder-sm2"]!
        let seal = try SealMaker.make(
            SealMakingRequest(
                esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holderCertificate],
                createDate: now, validStart: now, validEnd: now.addingTimeInterval(730 * 86_400),
                picture: SealPicture(type: "PNG", data: picture, widthMM: Int(template.widthMM), heightMM: Int(template.heightMM))),
            makerKey: makerKey, makerCertificate: makerCertificate)
        let sealFile = seals.appendingPathComponent("contract.sel")
        try ProtectedFile.write(seal.derEncoded, to: sealFile.path, mode: ProtectedFile.publicMode)
        let sealReport = SealVerifier(trust: .anchors([ca.certificate])).verify(seal, at: now.addingTimeInterval(1))
        allValid = allValid && sealReport.isValid
        record("seal 北京某某科技发展有限公司合同专用章 (GB/T 38540, maker-signed)",
               sealReport.isValid ? "verifies (\(sealReport.checks.count) checks)" : sealReport.failures.map(\.detail).joined(separator: "; "),
               [sealFile])

        // 7. A document signed with the seal (SES_Signature over its SM3), verified against the document.
        let document = directory.appendingPathComponent("sample-document.txt")
        let documentBytes = Array("SealStation 示例文档：合同第 2026-001 号。\n".utf8)
        try ProtectedFile.write(documentBytes, to: document.path, mode: ProtectedFile.publicMode)
        let signature = try SignatureMaker.sign(
            document: documentBytes, documentName: "sample-document.txt", seal: seal, holderKey: holderKey,
            holderCertificate: holderCertificate, signingTime: now.addingTimeInterval(1))
        let signatureFile = directory.appendingPathComponent("sample-document.txt.ses")
        try ProtectedFile.write(signature.derEncoded, to: signatureFile.path, mode: ProtectedFile.publicMode)
        let signatureReport = SignatureVerifier(trust: .anchors([ca.certificate]))
            .verify(signature, document: documentBytes, fallbackTime: now)
        allValid = allValid && signatureReport.isValid
        record("signature on the document (SES_Signature, SM3 + SM2)",
               signatureReport.isValid ? "verifies (\(signatureReport.checks.count) checks)" : signatureReport.failures.map(\.detail).joined(separator: "; "),
               [document, signatureFile])

        let report = Report(directory: directory.path, steps: steps)
        if json {
            print(try Output.json(report))
        } else {
            print("Station: \(directory.path)")
            print(Output.grid(header: ["step", "result", "files"], rows: steps.map { [$0.step, $0.result, $0.files.map { relative($0, to: directory) }.joined(separator: " ")] }))
            print("""

                Look further:
                  sealstation seal show \(sealFile.path)
                  sealstation verify --signature \(signatureFile.path) \(document.path) --ca \(ca.directory.path)
                Cross-check with the openssl CLI:
                  openssl verify -vfyopt distid:1234567812345678 -CAfile \(ca.directory.path)/ca-cert.pem \(certs.path)/holder-sm2.cert.pem
                  openssl pkcs8 -inform DER -in \(keys.path)/maker.p8 -passin file:\(passphraseFile.path) | openssl pkey -pubout
                  openssl asn1parse -inform DER -in \(sealFile.path) -i
                """)
        }
        if !allValid { throw ExitStatus.verificationFailed }
    }

    private func relative(_ path: String, to directory: URL) -> String {
        path.hasPrefix(directory.path + "/") ? String(path.dropFirst(directory.path.count + 1)) : path
    }

    private func prepareDirectory() throws -> URL {
        let fileManager = FileManager.default
        guard let dir else {
            let url = fileManager.temporaryDirectory.appendingPathComponent("sealstation-demo-\(UUID().uuidString.prefix(8))")
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = URL(fileURLWithPath: dir)
        if fileManager.fileExists(atPath: url.path) {
            guard (try fileManager.contentsOfDirectory(atPath: url.path)).isEmpty else { throw CLIError.demoDirectoryNotEmpty(url.path) }
        } else {
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
        }
        return url
    }
}
