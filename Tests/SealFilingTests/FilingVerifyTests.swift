import Foundation
import Hummingbird
import HummingbirdTesting
import SealCrypto
import SealDocument
import SealFiling
import SealFilingService
import SealFonts
import SealOFD
import SealPDF
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

/// `POST /v1/verify` over HTTP (a live server on loopback): seals, signatures and documents stamped by a real station
/// whose bundles the service imported, before and after a revocation; other systems' seals and documents; hostile bodies.
@Suite("sealfiling serve: POST /v1/verify")
struct FilingVerifyTests {
    /// The stamps and signatures of the first period, made before the bundle that files their seal.
    static let signedBefore = FilingFixture.now.addingTimeInterval(60)
    static let firstExport = FilingFixture.now.addingTimeInterval(120)
    static let revokedAt = FilingFixture.now.addingTimeInterval(3600)
    static let secondExport = FilingFixture.now.addingTimeInterval(3660)
    /// A signature made with the revoked seal's holder key outside the station (which refuses a revoked seal).
    static let signedAfter = FilingFixture.now.addingTimeInterval(7200)
    /// The service's clock: after everything, inside the CRLs' 7-day window.
    static let serviceNow = FilingFixture.now.addingTimeInterval(86_400)
    static let holder = FilingFixture.secret("holder passphrase")

    /// What a station made for the tests: the seal, the signatures and stamped documents made with it, its bundles.
    struct Material {
        let office: FilingFixture
        let seal: SealRecord
        let unfiled: SealRecord
        let document: [UInt8]
        let signature: ElectronicSignature
        let lateSignature: ElectronicSignature
        let stampedOFD: [UInt8]
        let stampedPDF: [UInt8]
        let first: Data
        let second: Data
    }

    /// A 2-page contract made by `ofd from-text`.
    static func contractOFD() throws -> [UInt8] {
        try OFDTextDocument(text: Array("采购合同\n\n甲方：北京某某科技发展有限公司\n\u{0C}乙方（盖章）：\n".utf8), face: try FontSource.songTrueType.open()).package()
    }

    /// A one-page A4 PDF written by hand, with a classic cross-reference table.
    static func contractPDF() -> [UInt8] {
        let content = "72 720 m 523 720 l S"
        let objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                       "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream"]
        var text = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(text.utf8)
    }

    /// A station issues a contract seal, signs a text with it and stamps an OFD and a PDF, files it (bundle 1), revokes
    /// it and files that (bundle 2); a second seal is issued and never filed; then the revoked seal's holder key signs
    /// once more outside the station.
    static func material() throws -> Material {
        let office = try FilingFixture()
        let seal = try office.issueUnitSeal()
        let request = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "合同盖章", count: 3, now: FilingFixture.now)
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: FilingFixture.now)
        let document = Array("技术服务合同 第 1 版".utf8)
        let (signature, _) = try office.station.sign(
            by: office.clerk, sealID: seal.id!, document: document, documentName: "合同.txt", holderPassphrase: holder, now: signedBefore)

        let ofd = try contractOFD()
        let ofdStamp = try OFDStamp.prepare(
            try OFDFile(try OFDPackage(data: Data(ofd), name: "合同.ofd")), seal: try ElectronicSeal(derEncoded: Array(seal.sealDER)),
            placement: .position(page: 1, x: 100, y: 100), signingTime: signedBefore)
        let ofdOutput = office.directory.path("stamped/合同-已盖章.ofd")
        try FileManager.default.createDirectory(atPath: office.directory.path("stamped"), withIntermediateDirectories: true)
        _ = try office.station.stamp(
            by: office.clerk, sealID: seal.id!, try OFDStamping(ofdStamp, original: ofd, name: "合同.ofd"), holderKey: .passphrase(holder),
            output: ofdOutput, now: signedBefore)

        let pdf = contractPDF()
        let pdfStamping = try PDFStamping(
            try PDFFile(pdf, name: "合同.pdf"), name: "合同.pdf", seal: seal, placement: .position(page: 1, x: 150, y: 240),
            stationCA: office.station.ca.certificate, signingTime: signedBefore)
        let pdfOutput = office.directory.path("stamped/合同-已盖章.pdf")
        _ = try office.station.stamp(by: office.clerk, sealID: seal.id!, pdfStamping, holderKey: .passphrase(holder), output: pdfOutput, now: signedBefore)

        let courier = office.directory.url.appendingPathComponent("courier")
        let first = try office.station.exportBundle(by: office.clerk, to: courier, stationPassphrase: FilingFixture.stationPassphrase, now: firstExport)
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "单位注销", now: revokedAt)
        let second = try office.station.exportBundle(by: office.clerk, to: courier, stationPassphrase: FilingFixture.stationPassphrase, now: secondExport)
        let unfiled = try office.issuePersonalSeal()

        let holderKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(try office.station.custodyDirectory(of: seal).appendingPathComponent("holder-key.p8").path),
            passphrase: holder)
        let late = try SignatureMaker.sign(
            document: document, documentName: "合同.txt", seal: try ElectronicSeal(derEncoded: Array(seal.sealDER)), holderKey: holderKey,
            holderCertificate: try Certificate(derEncoded: Array(seal.holderCertificate)), signingTime: signedAfter)
        return Material(
            office: office, seal: seal, unfiled: unfiled, document: document, signature: signature, lateSignature: late,
            stampedOFD: Array(try Data(contentsOf: URL(fileURLWithPath: ofdOutput))), stampedPDF: Array(try Data(contentsOf: URL(fileURLWithPath: pdfOutput))),
            first: try Data(contentsOf: URL(fileURLWithPath: first.path)), second: try Data(contentsOf: URL(fileURLWithPath: second.path)))
    }

    /// A multipart/form-data body with the parts `parts` (name, file name, bytes).
    static func form(_ parts: [(String, String, [UInt8])], boundary: String = "sealtestboundary") -> (body: [UInt8], type: String) {
        var body: [UInt8] = []
        for (name, filename, bytes) in parts {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    static func post(_ client: some TestClientProtocol, _ body: [UInt8], type: String = "application/octet-stream", token: ClientToken?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: type]
        if let token { headers[.authorization] = "Bearer \(token.text)" }
        return try await client.execute(uri: "/v1/verify", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// The answer's JSON, its seals' filing statuses.
    static func answer(_ response: TestResponse) throws -> (body: [String: Any], seals: [[String: Any]]) {
        let body = try FilingServiceTests.json(response)
        return (body, try #require(body["seals"] as? [[String: Any]]))
    }

    @Test("our station's seal, detached signature, stamped OFD and PDF: filed, by which station, valid; a seal never filed; then revoked — a signature made before is not revoked at its time, one made after is",
          arguments: FilingStoreKind.allCases)
    func filedThenRevoked(_ kind: FilingStoreKind) async throws {
        let made = try Self.material()
        let office = made.office
        let database = try await kind.open(office.directory, name: "verify")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "court", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate],
                                        uploadDirectory: office.directory.url.appendingPathComponent("uploads"), now: { Self.serviceNow })
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token.text)"]
            #expect(try await client.execute(uri: "/v1/bundles", method: .post, headers: auth, body: ByteBuffer(bytes: made.first)).status == .created)

            // Before bundle 2: the seal is filed and in force.
            let seal = try Self.answer(try await Self.post(client, Array(made.seal.sealDER), token: token))
            #expect(seal.body["kind"] as? String == "seal" && seal.body["isValid"] as? Bool == true, "\(seal.body)")
            #expect(seal.seals.count == 1)
            #expect(seal.seals[0]["esID"] as? String == made.seal.esID && seal.seals[0]["filed"] as? Bool == true)
            #expect(seal.seals[0]["matchesFiledSeal"] as? Bool == true && seal.seals[0]["knownIssuer"] as? Bool == true)
            #expect((seal.seals[0]["station"] as? [String: Any])?["name"] as? String == "测试站")
            #expect((seal.seals[0]["station"] as? [String: Any])?["id"] as? String == office.station.stationID)
            #expect(seal.seals[0]["state"] as? String == "issued" && seal.seals[0]["revokedAtSigningTime"] == nil)

            // A seal of the same station never filed: verifies (our CA), not filed.
            let unfiled = try Self.answer(try await Self.post(client, Array(made.unfiled.sealDER), token: token))
            #expect(unfiled.body["isValid"] as? Bool == true)
            #expect(unfiled.seals.first?["filed"] as? Bool == false && unfiled.seals.first?["knownIssuer"] as? Bool == true)
            #expect(unfiled.seals.first?["station"] == nil && unfiled.seals.first?["state"] == nil)

            // The detached signature with its document (multipart), and alone (its document hash then skipped).
            let form = Self.form([("signature", "合同.txt.ses", made.signature.derEncoded), ("document", "合同.txt", made.document)])
            let detached = try Self.answer(try await Self.post(client, form.body, type: form.type, token: token))
            #expect(detached.body["kind"] as? String == "signature" && detached.body["isValid"] as? Bool == true, "\(detached.body)")
            let report = try #require(detached.body["document"] as? [String: Any])
            #expect(report["format"] as? String == "detached" && report["document"] as? String == "合同.txt")
            #expect(report["documentSM3"] as? String == Hex.encode(try SM3.hash(made.document)))
            #expect(detached.seals.first?["filed"] as? Bool == true && detached.seals.first?["revokedAtSigningTime"] as? Bool == false)
            #expect(detached.seals.first?["signingTime"] as? String == "2026-09-21T14:14:20Z")
            let alone = try Self.answer(try await Self.post(client, made.signature.derEncoded, token: token))
            let aloneChecks = try #require(((alone.body["document"] as? [String: Any])?["signatures"] as? [[String: Any]])?.first?["ses"] as? [String: Any])
            #expect((aloneChecks["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "data-hash" }?["status"] as? String == "skipped")
            #expect(alone.seals.first?["filed"] as? Bool == true)
            // A document that is not the one signed: the hash check fails, the answer is still a report.
            let wrong = Self.form([("signature", "a.ses", made.signature.derEncoded), ("document", "b.txt", Array("另一份".utf8))])
            let mismatch = try await Self.post(client, wrong.body, type: wrong.type, token: token)
            #expect(mismatch.status == .ok)
            #expect(try Self.answer(mismatch).body["isValid"] as? Bool == false)

            // The stamped OFD and PDF.
            for (document, format) in [(made.stampedOFD, "ofd"), (made.stampedPDF, "pdf")] {
                let start = ContinuousClock.now
                let response = try await Self.post(client, document, type: format == "pdf" ? "application/pdf" : "application/ofd", token: token)
                let elapsed = ContinuousClock.now - start
                let answer = try Self.answer(response)
                #expect(answer.body["kind"] as? String == format && answer.body["isValid"] as? Bool == true, "\(format): \(answer.body)")
                #expect(answer.seals.count == 1 && answer.seals.first?["filed"] as? Bool == true, "\(format)")
                #expect(answer.seals.first?["matchesFiledSeal"] as? Bool == true && answer.seals.first?["revokedAtSigningTime"] as? Bool == false, "\(format)")
                #expect(answer.seals.first?["signatureID"] as? String != nil, "\(format)")
                print("POST /v1/verify \(format) (\(document.count) bytes): \(elapsed)")
            }

            // Bundle 2 files the revocation (注销 and the CRL that lists the holder certificate).
            #expect(try await client.execute(uri: "/v1/bundles", method: .post, headers: auth, body: ByteBuffer(bytes: made.second)).status == .created)
            let before = try Self.answer(try await Self.post(client, form.body, type: form.type, token: token))
            let status = try #require(before.seals.first)
            #expect(status["state"] as? String == "revoked")
            #expect(status["revokedAtSigningTime"] as? Bool == false, "signed an hour before the revocation")
            let revocation = try #require(status["revocation"] as? [String: Any])
            #expect(revocation["time"] as? String == "2026-09-21T15:13:20Z", "\(revocation)")
            #expect(revocation["source"] as? String == "filing" || revocation["source"] as? String == "crl")
            #expect((status["crl"] as? [String: Any])?["status"] as? String == "revoked", "\(status)")
            #expect(before.body["isValid"] as? Bool == true, "a signature made before the revocation stays valid: \(before.body)")

            let lateForm = Self.form([("signature", "late.ses", made.lateSignature.derEncoded), ("document", "合同.txt", made.document)])
            let after = try Self.answer(try await Self.post(client, lateForm.body, type: lateForm.type, token: token))
            #expect(after.seals.first?["revokedAtSigningTime"] as? Bool == true)
            #expect(after.body["isValid"] as? Bool == false, "a signature made after the revocation does not verify (CRL)")
            for (document, format) in [(made.stampedOFD, "ofd"), (made.stampedPDF, "pdf")] {
                let answer = try Self.answer(try await Self.post(client, document, token: token))
                #expect(answer.seals.first?["state"] as? String == "revoked" && answer.seals.first?["revokedAtSigningTime"] as? Bool == false, "\(format)")
            }

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"sealfiling_verifications_total{kind="pdf",outcome="valid"}"#), "\(metrics)")
            #expect(metrics.contains(#"sealfiling_verifications_total{kind="signature",outcome="invalid"}"#))
            #expect(metrics.contains("sealfiling_document_verification_duration_seconds_bucket"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: office.directory.path("uploads")).isEmpty)
        }
        // The stamped PDF reads as a sound PDF to qpdf.
        let pdfPath = office.directory.path("stamped/check.pdf")
        try Data(made.stampedPDF).write(to: URL(fileURLWithPath: pdfPath))
        let check = try ExternalTool.run("qpdf", ["--check", pdfPath])
        #expect(check.succeeded, "\(check.stdout) \(check.stderr)")
    }

    @Test("POST /v1/verify keeps the trust it read for its lifetime: a CRL filed through another instance is used once the trust is read again; an import through the same instance is used at once")
    func trustLifetime() async throws {
        let made = try Self.material()
        let office = made.office
        let database = try await FilingStoreKind.sqlite.open(office.directory, name: "trust")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "court", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        @Sendable func service(_ name: String, lifetime: Duration) throws -> FilingService {
            try FilingService(store: database.store, enrolment: [office.station.ca.certificate],
                              uploadDirectory: office.directory.url.appendingPathComponent("uploads-\(name)"), trustLifetime: lifetime,
                              now: { Self.serviceNow })
        }
        let late = Self.form([("signature", "late.ses", made.lateSignature.derEncoded), ("document", "合同.txt", made.document)])
        @Sendable func lateIsValid(_ client: some TestClientProtocol) async throws -> Bool? {
            try Self.answer(try await Self.post(client, late.body, type: late.type, token: token)).body["isValid"] as? Bool
        }
        let auth: HTTPFields = [.authorization: "Bearer \(token.text)"]
        try await service("importer", lifetime: .seconds(300)).application(host: "127.0.0.1", port: 0).test(.live) { importer async throws in
            try await service("kept", lifetime: .seconds(300)).application(host: "127.0.0.1", port: 0).test(.live) { kept async throws in
                try await service("fresh", lifetime: .zero).application(host: "127.0.0.1", port: 0).test(.live) { fresh async throws in
                    #expect(try await importer.execute(uri: "/v1/bundles", method: .post, headers: auth, body: ByteBuffer(bytes: made.first)).status == .created)
                    // No CRL filed yet: the signature made after the (not yet filed) revocation verifies everywhere.
                    #expect(try await lateIsValid(importer) == true)
                    #expect(try await lateIsValid(kept) == true)
                    #expect(try await lateIsValid(fresh) == true)
                    #expect(try await importer.execute(uri: "/v1/bundles", method: .post, headers: auth, body: ByteBuffer(bytes: made.second)).status == .created)
                    // The importing instance reads its trust again at once; one that reads it for every request too.
                    #expect(try await lateIsValid(importer) == false)
                    #expect(try await lateIsValid(fresh) == false)
                    // Another instance uses the trust it read until its lifetime ends (`--trust-refresh`).
                    #expect(try await lateIsValid(kept) == true)
                }
            }
        }
    }

    @Test("other systems' seals, signatures and stamped OFDs (ofdrw's fixtures) give reports — not filed, issuer unknown, not valid here — never a refusal")
    func otherSystems() async throws {
        let office = try FilingFixture()
        let database = try await FilingStoreKind.sqlite.open(office.directory, name: "others")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "court", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate],
                                        uploadDirectory: office.directory.url.appendingPathComponent("uploads"))
        let ses = URL(fileURLWithPath: "/work/shared/fixtures/ses"), ofd = URL(fileURLWithPath: "/work/shared/fixtures/ofd")
        let sesFiles = try FileManager.default.contentsOfDirectory(atPath: ses.path).filter { !$0.hasSuffix(".md") }.sorted()
        let ofdFiles = try FileManager.default.contentsOfDirectory(atPath: ofd.path).filter { $0.hasSuffix(".ofd") }.sorted()
        #expect(sesFiles.count == 6 && ofdFiles.count == 14)
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            for name in sesFiles {
                let response = try await Self.post(client, Array(try Data(contentsOf: ses.appendingPathComponent(name))), token: token)
                #expect(response.status == .ok, "\(name)")
                let answer = try Self.answer(response)
                let expectedKind = name.hasSuffix(".dat") ? "signature" : "seal"
                #expect(answer.body["kind"] as? String == expectedKind, "\(name)")
                #expect(answer.body["isValid"] as? Bool == false, "\(name): no issuer of ours")
                #expect(answer.seals.count == 1 && answer.seals.allSatisfy { $0["filed"] as? Bool == false && $0["knownIssuer"] as? Bool == false }, "\(name)")
            }
            // SESealData.DER (Hebei Gede): its maker signature verifies under no reading (README): the check says so.
            let gede = try Self.answer(try await Self.post(client, Array(try Data(contentsOf: ses.appendingPathComponent("SESealData.DER"))), token: token))
            let gedeChecks = try #require((gede.body["seal"] as? [String: Any])?["checks"] as? [[String: Any]])
            #expect(gedeChecks.first { $0["id"] as? String == "maker-signature" }?["status"] as? String == "failed")
            // UserV4.esl (ofdrw): its maker signature verifies; only the chain is unknown.
            let user = try Self.answer(try await Self.post(client, Array(try Data(contentsOf: ses.appendingPathComponent("UserV4.esl"))), token: token))
            let userChecks = try #require((user.body["seal"] as? [String: Any])?["checks"] as? [[String: Any]])
            #expect(userChecks.first { $0["id"] as? String == "maker-signature" }?["status"] as? String == "passed")
            #expect(userChecks.first { $0["id"] as? String == "maker-certificate" }?["status"] as? String == "failed")

            for name in ofdFiles {
                let response = try await Self.post(client, Array(try Data(contentsOf: ofd.appendingPathComponent(name))), token: token)
                #expect(response.status == .ok, "\(name): \(String(buffer: response.body).prefix(300))")
                guard response.status == .ok else { continue }
                let answer = try Self.answer(response)
                #expect(answer.body["kind"] as? String == "ofd" && answer.body["isValid"] as? Bool == false, "\(name)")
                #expect(answer.seals.allSatisfy { $0["filed"] as? Bool == false && $0["knownIssuer"] as? Bool == false }, "\(name)")
            }
            // ofdrw's own stamped document: one signature of the seal UserV4.esl (esID as that seal carries it).
            let signed = try Self.answer(try await Self.post(client, Array(try Data(contentsOf: ofd.appendingPathComponent("ofdrw-reader__SESV4SignDoc.ofd"))), token: token))
            #expect(signed.seals.count == 1)
            #expect(signed.seals.first?["esID"] as? String == (try ElectronicSeal(derEncoded: Array(try Data(contentsOf: ses.appendingPathComponent("UserV4.esl"))))).esID)
        }
    }

    @Test("hostile bodies — empty, garbage, truncated DER, OFD and PDF, a ZIP without OFD.xml, bad forms, oversize — are 4xx naming the problem; no token is 401; nothing is left on disk")
    func hostileBodies() async throws {
        let made = try Self.material()
        let office = made.office
        let database = try await FilingStoreKind.sqlite.open(office.directory, name: "hostile")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "court", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let uploads = office.directory.url.appendingPathComponent("uploads")
        let limit = 1 << 20
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate], uploadDirectory: uploads,
                                        verifyLimit: limit, now: { Self.serviceNow })
        let zip = try OFDPackageWriter.zip([OFDPackageMember(path: "readme.txt", bytes: Array("not an OFD".utf8))], modificationDate: FilingFixture.now)
        let signatureDER = made.signature.derEncoded
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            // No token, a wrong one.
            #expect(try await Self.post(client, Array(made.seal.sealDER), token: nil).status == .unauthorized)
            #expect(try await Self.post(client, Array(made.seal.sealDER), token: try ClientToken.generate()).status == .unauthorized)

            let cases: [(String, [UInt8], String, HTTPResponse.Status, String)] = [
                ("empty", [], "application/octet-stream", .badRequest, "empty-body"),
                ("garbage", Array("hello, this is no seal".utf8), "application/octet-stream", .unsupportedMediaType, "unsupported-content"),
                ("text as a PDF", Array("hello".utf8), "application/pdf", .unsupportedMediaType, "unsupported-content"),
                ("truncated seal", Array(made.seal.sealDER.prefix(made.seal.sealDER.count / 2)), "application/octet-stream", .unprocessableContent, "malformed"),
                ("truncated signature", Array(signatureDER.prefix(signatureDER.count - 7)), "application/octet-stream", .unprocessableContent, "malformed"),
                ("a lone SEQUENCE", [0x30, 0x80, 0x00, 0x00], "application/octet-stream", .unprocessableContent, "malformed"),
                ("truncated OFD", Array(made.stampedOFD.prefix(made.stampedOFD.count / 2)), "application/octet-stream", .unprocessableContent, "malformed"),
                ("ZIP without OFD.xml", zip, "application/zip", .unsupportedMediaType, "unsupported-content"),
                ("oversize", Array(repeating: 0x25, count: limit + 1), "application/octet-stream", .contentTooLarge, "too-large"),
                ("form without a boundary", Array("x".utf8), "multipart/form-data", .badRequest, "bad-form"),
                ("form without a signature", Self.form([("document", "a.txt", Array("a".utf8))]).body, Self.form([]).type, .badRequest, "bad-form"),
                ("form with another part", Self.form([("signature", "a.ses", signatureDER), ("script", "x.sh", Array("rm".utf8))]).body, Self.form([]).type, .badRequest, "bad-form"),
                ("form with a garbage signature", Self.form([("signature", "a.ses", Array("garbage".utf8))]).body, Self.form([]).type, .unprocessableContent, "malformed"),
                ("form cut off", Array(Self.form([("signature", "a.ses", signatureDER)]).body.prefix(100)), Self.form([]).type, .badRequest, "bad-form"),
            ]
            for (label, body, type, status, code) in cases {
                let response = try await Self.post(client, body, type: type, token: token)
                #expect(response.status == status, "\(label): \(String(buffer: response.body).prefix(300))")
                let problem = try FilingServiceTests.json(response)
                #expect(problem["error"] as? String == code, "\(label)")
                #expect((problem["message"] as? String)?.isEmpty == false, "\(label)")
            }
            // A PDF cut in half: libqpdf reconstructs what it can; the answer is a report that does not verify, or a
            // refusal naming the damage — never a crash.
            let truncatedPDF = try await Self.post(client, Array(made.stampedPDF.prefix(made.stampedPDF.count / 2)), token: token)
            #expect(truncatedPDF.status == .ok || truncatedPDF.status == .unprocessableContent)
            if truncatedPDF.status == .ok { #expect(try Self.answer(truncatedPDF).body["isValid"] as? Bool == false) }
            // One flipped byte in the stamped PDF's signed range: a report that does not verify.
            var flipped = made.stampedPDF
            flipped[200] ^= 0x01
            let flippedAnswer = try await Self.post(client, flipped, token: token)
            #expect(flippedAnswer.status == .ok)
            #expect(try Self.answer(flippedAnswer).body["isValid"] as? Bool == false)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"outcome="unsupported-content""#), "\(metrics)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: uploads.path).isEmpty)
    }
}
