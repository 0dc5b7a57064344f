import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
import Testing

@Suite("Chain verification in Swift")
struct ChainVerifierTests {
    @Test("a holder certificate chains to the station CA")
    func valid() throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "/C=CN/O=某某公司/CN=合同专用章")
        let result = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate])
            .verify(certificate, at: StationFixture.now.addingTimeInterval(3600), requiredKeyUsage: [.digitalSignature, .nonRepudiation])
        #expect(result.isValid, "\(result.problems)")
        #expect(result.chain == [certificate, fixture.ca.certificate])
    }

    @Test("the CA certificate itself verifies as an anchor")
    func anchorItself() throws {
        let fixture = try StationFixture()
        let result = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate])
            .verify(fixture.ca.certificate, at: StationFixture.now)
        #expect(result.isValid)
    }

    @Test("another station's CA is not trusted")
    func otherAnchor() throws {
        let fixture = try StationFixture(), other = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "CN=x")
        let result = CertificateChainVerifier(trustAnchors: [other.ca.certificate]).verify(certificate, at: StationFixture.now)
        #expect(!result.isValid)
        // Same subject name on both CAs: the AKI/SKI check rejects the other CA before any signature check.
        #expect(result.problems.count == 1)
        guard case .issuerNotFound = result.problems.first else { Issue.record("\(result.problems)"); return }
    }

    @Test("expired and not-yet-valid certificates are named")
    func validity() throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "CN=短期", days: 10)
        let verifier = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate])
        let late = verifier.verify(certificate, at: StationFixture.now.addingTimeInterval(11 * 86_400))
        #expect(late.problems == [.expired(subject: "CN=短期", notAfter: certificate.notAfter)])
        let early = verifier.verify(certificate, at: StationFixture.now.addingTimeInterval(-60))
        #expect(early.problems.contains(.notYetValid(subject: "CN=短期", notBefore: certificate.notBefore)))
    }

    @Test("a flipped bit in the signature is detected")
    func tampered() throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "CN=篡改")
        var bytes = certificate.derEncoded
        bytes[bytes.count - 5] ^= 0x01
        let tampered = try Certificate(derEncoded: bytes)
        let result = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate]).verify(tampered, at: StationFixture.now)
        #expect(!result.isValid)
        guard case .signatureInvalid = result.problems.first else { Issue.record("\(result.problems)"); return }
    }

    @Test("an end-entity certificate cannot act as an issuer")
    func endEntityAsIssuer() throws {
        let fixture = try StationFixture()
        let (makerKey, maker) = try fixture.issue(.maker, "/CN=制章人")
        // A certificate "issued" by the maker key: signature fine, but the maker is not a CA.
        let key = try PrivateKey.generate(.sm2)
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: "CN=越权"), serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: StationFixture.now, notAfter: StationFixture.now.addingTimeInterval(86_400),
            basicConstraints: .endEntity, keyUsage: [.digitalSignature])
        let forged = try Certificate.issue(template, subjectKey: key.publicKey, issuer: maker, issuerKey: makerKey)
        let result = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate], intermediates: [maker])
            .verify(forged, at: StationFixture.now.addingTimeInterval(60))
        #expect(result.problems.contains(.issuerNotCA(subject: "CN=制章人")))
        #expect(result.problems.contains(.issuerLacksKeyCertSign(subject: "CN=制章人")))
    }

    @Test("a missing required key usage is named")
    func keyUsage() throws {
        let fixture = try StationFixture()
        let result = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate])
            .verify(fixture.ca.certificate, at: StationFixture.now, requiredKeyUsage: [.digitalSignature])
        #expect(result.problems == [.keyUsageMissing(subject: "\(fixture.ca.certificate.subject)", required: ["digitalSignature"])])
    }

    @Test("a chain signed by the openssl CLI with the ID verifies here")
    func opensslMadeChain() throws {
        let directory = try TemporaryDirectory()
        func openssl(_ arguments: [String]) throws {
            let result = try ExternalTool.run("openssl", arguments)
            #expect(result.succeeded, "openssl \(arguments): \(result.stderr)")
        }
        try openssl(["genpkey", "-algorithm", "SM2", "-out", directory.path("ca.key")])
        try directory.write("ca.ext", text: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n")
        try openssl([
            "req", "-x509", "-new", "-key", directory.path("ca.key"), "-sm3", "-sigopt", "distid:1234567812345678",
            "-subj", "/CN=CLI CA", "-days", "30", "-extensions", "v3_ca", "-out", directory.path("ca.pem"),
        ])
        try openssl(["genpkey", "-algorithm", "SM2", "-out", directory.path("ee.key")])
        try openssl([
            "req", "-new", "-key", directory.path("ee.key"), "-sm3", "-sigopt", "distid:1234567812345678",
            "-subj", "/CN=CLI EE", "-out", directory.path("ee.csr"),
        ])
        try directory.write("ee.ext", text: "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nauthorityKeyIdentifier=keyid\n")
        try openssl([
            "x509", "-req", "-in", directory.path("ee.csr"), "-CA", directory.path("ca.pem"), "-CAkey", directory.path("ca.key"),
            "-CAcreateserial", "-sm3", "-sigopt", "distid:1234567812345678", "-vfyopt", "distid:1234567812345678",
            "-days", "10", "-extfile", directory.path("ee.ext"), "-out", directory.path("ee.pem"),
        ])
        let ca = try Certificate(derOrPEM: directory.read("ca.pem"))
        let ee = try Certificate(derOrPEM: directory.read("ee.pem"))
        let result = CertificateChainVerifier(trustAnchors: [ca]).verify(ee, at: Date(), requiredKeyUsage: [.digitalSignature])
        #expect(result.isValid, "\(result.problems)")
    }
}

@Suite("Verification cache")
struct VerificationCacheTests {
    @Test("results with the cache equal results without it; bad signatures are never remembered")
    func cache() throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "CN=缓存")
        var bytes = certificate.derEncoded
        bytes[bytes.count - 5] ^= 0x01
        let tampered = try Certificate(derEncoded: bytes)
        let cache = VerificationCache()
        let cached = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate], cache: cache)
        let plain = CertificateChainVerifier(trustAnchors: [fixture.ca.certificate])
        for _ in 0..<3 {
            #expect(cached.verify(certificate, at: StationFixture.now).isValid)
            #expect(cached.verify(tampered, at: StationFixture.now).problems == plain.verify(tampered, at: StationFixture.now).problems)
            #expect(!cached.verify(tampered, at: StationFixture.now).isValid)
        }
        // Time is still checked on every call.
        #expect(!cached.verify(certificate, at: StationFixture.now.addingTimeInterval(400 * 86_400)).isValid)
    }
}

@Suite("Certificate signature encoding")
struct CertificateSignatureEncodingTests {
    @Test("a signature BIT STRING with an unused bit does not verify, although its bytes are a valid signature")
    func unusedBits() throws {
        let fixture = try StationFixture()
        // One unused bit is valid DER only when the last byte's low bit is 0: issue until a signature ends so.
        var certificate = try fixture.issue(.holder, "CN=填充位").1
        while certificate.derEncoded.last! & 0x01 != 0 { certificate = try fixture.issue(.holder, "CN=填充位").1 }
        var bytes = certificate.derEncoded
        // The signature BIT STRING closes the certificate: 03 len 00 <SEQUENCE{r, s}>.
        func isSignatureBitString(_ start: Int) -> Bool {
            let tag = bytes[start], length = Int(bytes[start + 1]), unusedBits = bytes[start + 2]
            return tag == 0x03 && length == bytes.count - start - 2 && unusedBits == 0x00
        }
        let found: Int? = (0..<(bytes.count - 2)).reversed().first(where: isSignatureBitString)
        let index = try #require(found)
        bytes[index + 2] = 0x01
        let tampered = try Certificate(derEncoded: bytes)
        #expect(try certificate.isSignatureValid(under: fixture.ca.certificate.publicKey))
        #expect(try !tampered.isSignatureValid(under: fixture.ca.certificate.publicKey))
        #expect(!CertificateChainVerifier(trustAnchors: [fixture.ca.certificate]).verify(tampered, at: StationFixture.now).isValid)
    }
}
