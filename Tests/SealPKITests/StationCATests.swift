import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
import Testing

@Suite("Station CA and certificate profiles")
struct StationCATests {
    @Test("the root is self-signed SM2 with CA extensions, a 20-byte serial and a UTF-8 Chinese subject")
    func rootProfile() throws {
        let fixture = try StationFixture()
        let root = fixture.ca.certificate
        #expect(root.publicKey.algorithm == .sm2)
        #expect(root.signatureAlgorithm == .sm2WithSM3)
        #expect(root.isSelfIssued)
        #expect(root.isCertificateAuthority)
        #expect(root.pathLengthConstraint == 0)
        #expect(root.keyUsage == [.keyCertSign, .cRLSign])
        #expect(root.serialNumber.count == 20)
        #expect(root.subjectKeyIdentifier != nil)
        #expect(root.authorityKeyIdentifier == root.subjectKeyIdentifier)
        #expect(root.subject.value(of: "CN") == "某市电子印章站点根CA")
        #expect(root.notAfter.timeIntervalSince(root.notBefore) == TimeInterval(StationCA.defaultValidityDays) * 86_400)
        #expect(try root.isSignatureValid(under: root.publicKey))

        let text = try ExternalTool.run("openssl", [
            "x509", "-inform", "DER", "-in", fixture.ca.certificatePath, "-noout", "-text", "-nameopt", "utf8",
        ])
        #expect(text.succeeded)
        #expect(text.stdout.contains("SM2-with-SM3"))
        #expect(text.stdout.contains("CA:TRUE, pathlen:0"))
        #expect(text.stdout.contains("Certificate Sign, CRL Sign"))
        #expect(text.stdout.contains("Subject: C=CN, O=某市公安局, OU=SealStation, CN=某市电子印章站点根CA"))
        let asn1 = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", fixture.ca.certificatePath])
        #expect(asn1.stdout.contains("UTF8STRING") && asn1.stdout.contains("PRINTABLESTRING"))
    }

    @Test("the key file is encrypted and mode 0600; ca init refuses to overwrite")
    func filesAndRefusal() throws {
        let fixture = try StationFixture()
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.ca.keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: SealPKIError.stationCAExists(directory: fixture.ca.directory.path)) {
            try StationCA.create(
                in: fixture.ca.directory, subject: DistinguishedName(parsing: "CN=again"),
                passphrase: SecretBytes(utf8: "x"), encryption: StationFixture.encryption, now: StationFixture.now)
        }
        #expect(throws: SealCryptoError.wrongPassphrase) {
            try fixture.ca.unlockKey(passphrase: SecretBytes(utf8: "not the passphrase"))
        }
    }

    @Test("maker and holder certificates: end entity, digitalSignature + nonRepudiation, AKI = CA SKI",
          arguments: [CertificateRole.maker, .holder])
    func endEntityProfile(role: CertificateRole) throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(role, "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章")
        #expect(!certificate.isCertificateAuthority)
        #expect(certificate.hasBasicConstraints)
        #expect(certificate.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(certificate.authorityKeyIdentifier == fixture.ca.certificate.subjectKeyIdentifier)
        #expect(certificate.serialNumber.count == 20)
        #expect(certificate.issuer == fixture.ca.certificate.subject)
        #expect(certificate.notBefore == StationFixture.now)
    }

    @Test("a certificate outliving the CA is refused")
    func validityBeyondIssuer() throws {
        let fixture = try StationFixture()
        #expect(throws: SealPKIError.self) { try fixture.issue(.holder, "CN=x", days: StationCA.defaultValidityDays + 1) }
    }

    @Test("our chains pass openssl verify -vfyopt distid:1234567812345678", arguments: KeyAlgorithm.allCases)
    func opensslVerifiesChain(algorithm: KeyAlgorithm) throws {
        let fixture = try StationFixture()
        let (_, certificate) = try fixture.issue(.holder, "/C=CN/O=某某公司/CN=张三", algorithm: algorithm)
        try fixture.directory.write("ee.pem", text: certificate.pemEncoded)
        let caPEM = fixture.ca.directory.appendingPathComponent(StationCA.certificatePEMFileName).path
        let verified = try ExternalTool.run("openssl", [
            "verify", "-vfyopt", "distid:1234567812345678", "-attime", "\(Int(StationFixture.now.timeIntervalSince1970) + 60)",
            "-CAfile", caPEM, fixture.directory.path("ee.pem"),
        ])
        #expect(verified.succeeded, "\(verified.stdout) \(verified.stderr)")
        #expect(verified.stdout.contains("OK"))
        // The ID matters: without it OpenSSL 3.0 checks with the empty ID and fails.
        let withoutID = try ExternalTool.run("openssl", [
            "verify", "-attime", "\(Int(StationFixture.now.timeIntervalSince1970) + 60)", "-CAfile", caPEM,
            fixture.directory.path("ee.pem"),
        ])
        #expect(!withoutID.succeeded)
    }

    @Test("a CSR made here passes openssl req -verify and can be certified")
    func certificationRequest() throws {
        let fixture = try StationFixture()
        let key = try PrivateKey.generate(.sm2)
        let request = try CertificationRequest.make(
            subject: DistinguishedName(parsing: "/C=CN/O=某市公安局/CN=制章人 王五"), key: key)
        #expect(try request.isSelfSignatureValid())
        #expect(request.subject.value(of: "CN") == "制章人 王五")
        try fixture.directory.write("req.der", request.derEncoded)
        let verified = try ExternalTool.run("openssl", [
            "req", "-inform", "DER", "-in", fixture.directory.path("req.der"), "-verify", "-noout",
            "-vfyopt", "distid:1234567812345678",
        ])
        #expect(verified.succeeded, "\(verified.stdout) \(verified.stderr)")
        let certificate = try fixture.ca.issue(
            role: .maker, subject: request.subject, request: request, validityDays: 30, caKey: fixture.caKey,
            now: StationFixture.now)
        try CertificateImport.checkMatches(certificate, key: key)
        #expect(throws: SealPKIError.self) { try CertificateImport.checkMatches(certificate, key: PrivateKey.generate(.sm2)) }
    }
}

@Suite("Certificate issuance guards")
struct CertificateIssuanceGuardTests {
    @Test("serials that are negative, zero or longer than 20 bytes are refused")
    func serials() throws {
        let key = try PrivateKey.generate(.sm2)
        for serial: [UInt8] in [[], [0x80, 1], [0, 0], [UInt8](repeating: 1, count: 21)] {
            let template = CertificateTemplate(
                subject: try DistinguishedName(parsing: "CN=x"), serialNumber: serial, notBefore: StationFixture.now,
                notAfter: StationFixture.now.addingTimeInterval(60), basicConstraints: .endEntity, keyUsage: [.digitalSignature])
            #expect(throws: SealCryptoError.invalidSerialNumber(byteCount: serial.count)) {
                try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key)
            }
        }
    }

    @Test("the signing key must be the issuer certificate's key")
    func issuerKey() throws {
        let fixture = try StationFixture()
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: "CN=x"), serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: StationFixture.now, notAfter: StationFixture.now.addingTimeInterval(60), basicConstraints: .endEntity,
            keyUsage: [.digitalSignature])
        let key = try PrivateKey.generate(.sm2)
        #expect(throws: SealCryptoError.issuerKeyDoesNotMatchIssuerCertificate) {
            try Certificate.issue(template, subjectKey: key.publicKey, issuer: fixture.ca.certificate, issuerKey: key)
        }
    }

    @Test("distinguished names: both text forms, escapes, and errors")
    func names() throws {
        let slash = try DistinguishedName(parsing: "/C=CN/O=某某\\/分公司/CN=张三")
        #expect(slash.attributes.map(\.value) == ["CN", "某某/分公司", "张三"])
        let comma = try DistinguishedName(parsing: "C=CN, O=甲\\, 乙, CN=张三")
        #expect(comma.value(of: "O") == "甲, 乙")
        #expect(comma.description == "C=CN, O=甲\\, 乙, CN=张三")
        #expect(throws: SealCryptoError.self) { try DistinguishedName(parsing: "") }
        #expect(throws: SealCryptoError.self) { try DistinguishedName(parsing: "/CN") }
        #expect(throws: SealCryptoError.self) { try DistinguishedName(parsing: "/CN=") }
    }
}
