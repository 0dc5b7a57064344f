import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
@testable import SealToken
import Testing
import SealResources

/// PKCS#11 on a real SoftHSM2 token. PKCS#11 initialisation is process-global, so the suite is serialised and each
/// test loads and finalises the module itself.
@Suite("Key custody on a SoftHSM2 token", .serialized)
struct TokenKeyStoreTests {
    let profiles = try! VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles())

    func openStore(_ token: SoftHSMToken, profile id: String = "softhsm2") throws -> TokenKeyStore {
        let module = try PKCS11Module(path: SoftHSMToken.modulePath)
        let session = try module.openSession(.label(token.label))
        try session.login(pin: SecretBytes(utf8: SoftHSMToken.userPIN))
        return TokenKeyStore(session: session, profile: try profiles.profile(id))
    }

    @Test("tokens are found by label and serial, and a missing label names the tokens present")
    func findsTokens() throws {
        let token = try SoftHSMToken(label: "seal-find")
        let module = try PKCS11Module(path: SoftHSMToken.modulePath)
        let info = try module.token(.label("seal-find"))
        #expect(info.label == "seal-find")
        #expect(info.userPINInitialized)
        #expect(try module.token(.serial(info.serialNumber)).slotID == info.slotID)
        #expect(try module.info().manufacturer.contains("SoftHSM"))
        #expect(profiles.profile(for: try module.info())?.id == "softhsm2")
        #expect(throws: PKCS11Error.tokenNotFound(selector: "label 'absent'", present: ["seal-find"])) {
            try module.token(.label("absent"))
        }
        #expect(try module.mechanisms(slotID: info.slotID).contains { $0.type == PKCS11Code.ecdsa && $0.canSign })
        // A second load while the first is alive is refused, and does not finalise the first.
        #expect(throws: PKCS11Error.moduleAlreadyInitialized(path: SoftHSMToken.modulePath)) {
            try PKCS11Module(path: SoftHSMToken.modulePath)
        }
        #expect(try module.token(.label("seal-find")).label == "seal-find")
        #expect(throws: PKCS11Error.moduleNotFound(path: "/nonexistent/libpkcs11.so")) { try PKCS11Module(path: "/nonexistent/libpkcs11.so") }
        _ = token
    }

    @Test("key, certificate and seal share one CKA_ID; pkcs11-tool sees them; the private key cannot be read")
    func writesHolderObjects() throws {
        let token = try SoftHSMToken(label: "seal-objects")
        let fixture = try StationFixture()
        let id: [UInt8] = Array("seal-0001".utf8)
        let sealBytes = [UInt8](repeating: 0x30, count: 1) + [UInt8](repeating: 0xAB, count: 300)
        do {
            let store = try openStore(token)
            let key = try store.generateKey(.p256, label: "合同专用章 holder", id: id)
            #expect(key.publicKey.algorithm == .p256)
            let certificate = try fixture.ca.issue(
                role: .holder, subject: DistinguishedName(parsing: "/C=CN/O=某市某有限公司/CN=合同专用章"),
                publicKey: key.publicKey, validityDays: 365, caKey: fixture.caKey, now: StationFixture.now)
            try store.writeCertificate(certificate, label: "合同专用章 holder", id: id)
            try store.writeSeal(sealBytes, id: id)
            #expect(try store.seal(id: id) == sealBytes)
            #expect(throws: PKCS11Error.self) { try store.generateKey(.p256, label: "again", id: id) }
            #expect(throws: PKCS11Error.self) { try store.writeSeal(sealBytes, id: id) }

            let objects = try store.objects()
            #expect(objects.count == 4)
            #expect(Set(objects.map(\.objectClass)) == [.privateKey, .publicKey, .certificate, .data])
            #expect(objects.filter { $0.objectClass != .data }.allSatisfy { $0.id == Hex.encode(id) })
            #expect(objects.first { $0.objectClass == .data }?.label == TokenKeyStore.sealLabel(id: id))
            let privateKey = try #require(objects.first { $0.objectClass == .privateKey })
            #expect(privateKey.sensitive == true && privateKey.extractable == false)
            #expect(objects.first { $0.objectClass == .data }?.application == TokenKeyStore.sealApplication)
            #expect(try store.session.isAttributeSensitive(PKCS11Code.value, of: key.privateKeyHandle))
            #expect(try store.session.attribute(PKCS11Code.value, of: key.privateKeyHandle) == nil)
        }

        let listing = try token.pkcs11Tool(["--list-objects"])
        #expect(listing.succeeded, "\(listing.stderr)")
        let hexID = Hex.encode(id)
        for kind in ["Private Key Object", "Public Key Object", "Certificate Object", "Data object"] {
            #expect(listing.stdout.contains(kind), "pkcs11-tool lists no \(kind)")
        }
        let idLines = listing.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("ID:") }
        #expect(idLines.count >= 3 && idLines.allSatisfy { $0.hasSuffix(hexID) },
                "key pair and certificate carry ID \(hexID):\n\(listing.stdout)")
        #expect(listing.stdout.contains(TokenKeyStore.sealApplication))
        #expect(listing.stdout.contains(TokenKeyStore.sealLabel(id: id)))
        // pkcs11-tool reports the private key as sensitive and never extractable.
        let privateKeyBlock = try #require(listing.stdout.components(separatedBy: "Private Key Object").dropFirst().first)
        #expect(privateKeyBlock.contains("sensitive") && privateKeyBlock.contains("never extractable"))
    }

    @Test("a document signed through the token verifies with our verifier and with the openssl CLI")
    func signsThroughToken() throws {
        let token = try SoftHSMToken(label: "seal-sign")
        let directory = try TemporaryDirectory()
        let document = Array("某市某有限公司 合同 第 1 页\n".utf8) + (0..<4096).map { UInt8($0 & 0xFF) }
        let signature: [UInt8]
        let publicKey: PublicKey
        do {
            let store = try openStore(token)
            let key = try store.generateKey(.p256, label: "holder", id: [1, 2, 3])
            signature = try store.sign(document, with: key)
            publicKey = try store.key(id: [1, 2, 3]).publicKey
            #expect(publicKey == key.publicKey)
        }
        #expect(try publicKey.isValidSignature(signature, for: document))
        let documentPath = try directory.write("document.bin", document)
        let signaturePath = try directory.write("signature.der", signature)
        let publicKeyPath = try directory.write("public.der", publicKey.derEncoded)
        let verify = try ExternalTool.run(
            "openssl", ["dgst", "-sha256", "-keyform", "DER", "-verify", publicKeyPath, "-signature", signaturePath, documentPath])
        #expect(verify.succeeded && verify.stdout.contains("Verified OK"), "\(verify.stdout)\(verify.stderr)")
        var tampered = document
        tampered[10] ^= 1
        #expect(try !publicKey.isValidSignature(signature, for: tampered))
    }

    @Test("a wrong PIN is refused with a clear error and changes nothing on the token")
    func wrongPINChangesNothing() throws {
        let token = try SoftHSMToken(label: "seal-pin")
        let before: Int
        do {
            let store = try openStore(token)
            _ = try store.generateKey(.p256, label: "holder", id: [9])
            before = try store.objects().count
        }
        do {
            let module = try PKCS11Module(path: SoftHSMToken.modulePath)
            let session = try module.openSession(.label(token.label))
            #expect(throws: PKCS11Error.wrongPIN) { try session.login(pin: SecretBytes(utf8: "000000")) }
            #expect("\(PKCS11Error.wrongPIN)".contains("CKR_PIN_INCORRECT"))
        }
        #expect(try openStore(token).objects().count == before)
    }

    @Test("an SM2 vendor mapping reaches C_SignInit/C_Sign with its codes: e = SM3(Z‖M) in, r‖s out, DER returned")
    func vendorMappingRoutesSM2() throws {
        let token = try SoftHSMToken(label: "seal-vendor")
        let directory = try TemporaryDirectory()
        let profile = try profiles.profile("softhsm2-sm2-as-ecdsa")
        let mechanisms = try #require(profile.sm2)
        #expect(mechanisms.sign == PKCS11Code.ecdsa && mechanisms.keyPairGeneration == PKCS11Code.ecKeyPairGeneration)
        let message = Array("用印申请 第 42 号".utf8)
        let signature: [UInt8]
        let key: TokenKey
        do {
            let store = try openStore(token, profile: "softhsm2-sm2-as-ecdsa")
            #expect(store.holderKeyAlgorithm == .sm2)
            key = try store.generateKey(.sm2, label: "mapped", id: [0x42])
            #expect(key.algorithm == .sm2)
            signature = try store.sign(message, with: key)
            #expect(try ECDSASignatureValue(derEncoded: signature).derEncoded() == signature)
        }
        // The token signed e = SM3(Z‖M) computed with ID 1234567812345678 — prove it: ECDSA-verify over that e.
        let e = try SM2.signingDigest(of: message, publicKeyPoint: key.publicKey.rawPoint)
        let ePath = try directory.write("e.bin", e)
        let verify = try ExternalTool.run(
            "openssl",
            ["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", try directory.write("pub.der", key.publicKey.derEncoded),
             "-in", ePath, "-sigfile", try directory.write("sig.der", signature)])
        #expect(verify.succeeded && verify.stdout.contains("Signature Verified Successfully"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test("a token signature that does not verify with the key's public key is refused, for the native and the mapped profile",
          arguments: ["softhsm2", "softhsm2-sm2-as-ecdsa"])
    func tokenSignatureVerified(profile: String) throws {
        let token = try SoftHSMToken(label: "seal-verify-\(profile.count)")
        let store = try openStore(token, profile: profile)
        let algorithm = try #require(store.holderKeyAlgorithm)
        let key = try store.generateKey(algorithm, label: "one", id: [0x01]), other = try store.generateKey(algorithm, label: "two", id: [0x02])
        let message = Array("用印申请 第 42 号".utf8)
        #expect(try store.sign(message, with: key).isEmpty == false)
        // The private key of one pair behind the public key of another: C_Sign succeeds, the check after it refuses.
        let mismatched = TokenKey(id: key.id, algorithm: key.algorithm, privateKeyHandle: key.privateKeyHandle, publicKey: other.publicKey)
        #expect(throws: PKCS11Error.signatureDoesNotVerify(token: token.label, id: "01")) { try store.sign(message, with: mismatched) }
    }

    @Test("every vendor profile decodes; unknown codes and curves are refused with the file named")
    func vendorTable() throws {
        #expect(profiles.profiles.count >= 6)
        for id in ["tass", "sansec", "luna", "ibm"] {
            let sm2 = try #require(try profiles.profile(id).sm2)
            #expect(sm2.keyType >= 0x8000_0000 && sm2.sign >= 0x8000_0000, "\(id) uses vendor-defined codes")
            #expect(sm2.curve == [0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d])
        }
        #expect(try profiles.profile("tass").sm2?.signature == .der)
        let directory = try TemporaryDirectory()
        let bad = try directory.write(
            "vendors.yaml",
            text: "profiles:\n  - id: x\n    description: bad\n    match: { library: x }\n    sm2: { keyType: \"zz\", keyPairGeneration: \"0x1\", sign: \"0x2\", curve: \"06\", input: digest, signature: raw }\n")
        #expect {
            try VendorProfileTable(contentsOf: URL(fileURLWithPath: bad))
        } throws: { error in
            "\(error)".contains(bad) && "\(error)".contains("not a hexadecimal PKCS#11 code")
        }
    }

    @Test("SM2 e = SM3(Z‖M): a signature openssl makes over our e verifies as SM2 with ID 1234567812345678")
    func sm2SigningDigestMatchesOpenSSL() throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(.sm2)
        let passphrase = "digest test passphrase"
        let keyPath = try directory.write(
            "key.p8", try key.encryptedPKCS8(passphrase: SecretBytes(utf8: passphrase), encryption: StationFixture.encryption))
        try directory.write("pass.txt", text: passphrase)
        let message = Array("电子印章 e 值".utf8)
        let e = try SM2.signingDigest(of: message, publicKeyPoint: key.publicKey.rawPoint)
        let sign = try ExternalTool.run(
            "openssl",
            ["pkeyutl", "-sign", "-keyform", "DER", "-inkey", keyPath, "-passin", "file:" + directory.path("pass.txt"),
             "-in", try directory.write("e.bin", e), "-out", directory.path("sig.der")])
        #expect(sign.succeeded, "\(sign.stderr)")
        #expect(try key.publicKey.isValidSignature(directory.read("sig.der"), for: message))
    }
}
