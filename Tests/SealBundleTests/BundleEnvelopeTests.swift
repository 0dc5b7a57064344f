import Foundation
import SealASN1
import SealBundle
import SealCrypto
import SealPKI
import SealTestSupport
import SwiftASN1
import Testing

@Suite("Encrypted bundles (GB/T 35275 EnvelopedData, SM2 key transport, SM4-CBC)")
struct BundleEnvelopeTests {
    static let limit = 1 << 20

    func envelope(_ bytes: [UInt8]) throws -> BundleEnvelope { try BundleEnvelope(derEncoded: bytes, maximumContentBytes: Self.limit) }

    func parts(_ bytes: [UInt8]) throws -> CMS.EnvelopedData {
        try CMS.EnvelopedData(asn1Any: try CMS.ContentInfo(derEncoded: try DER.parse(bytes)).content)
    }

    func encode(_ envelopedData: CMS.EnvelopedData, contentType: ASN1ObjectIdentifier = GBT35275.envelopedData) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(CMS.ContentInfo(contentType: contentType, content: try ASN1Any(erasing: envelopedData)))
        return serializer.serializedBytes
    }

    @Test("sizes 1 to 100,000 bytes round-trip; the DER is version 0, one ktri naming the certificate, SM2Cipher of 16 bytes, SM4-CBC with a 16-byte IV")
    func roundTrip() throws {
        let (key, certificate) = try RecipientFixture.make()
        for size in [1, 15, 16, 17, 1000, 100_000] {
            let plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let sealed = try BundleEnvelope.seal(plaintext, for: certificate)
            let opened = try envelope(sealed)
            #expect(opened.recipients == [EnvelopeRecipient(certificate: certificate)])
            #expect(try opened.open(with: key, certificate: certificate) == plaintext)

            let data = try parts(sealed)
            #expect(data.version == 0)
            #expect(data.encryptedContentInfo.contentType == GBT35275.data)
            #expect(data.encryptedContentInfo.contentEncryptionAlgorithm.algorithm == GBT35275.sm4CBC)
            // PKCS#7 padding adds 1 to 16 bytes.
            #expect(data.encryptedContentInfo.encryptedContent?.bytes.count == (size / 16 + 1) * 16)
            guard case .keyTransport(let ktri) = data.recipientInfos.first else { Issue.record("no ktri"); return }
            #expect(ktri.version == 0 && ktri.keyEncryptionAlgorithm.algorithm == GBT35275.sm2Encryption)
            #expect(ktri.rid == .issuerAndSerialNumber(issuer: certificate.issuerNameDER, serialNumber: certificate.serialNumber))
            let cipher = try SM2Cipher(derEncoded: try DER.parse(Array(ktri.encryptedKey.bytes)))
            #expect(cipher.hasShape(plaintextLength: 16))
            // Two encryptions of the same bundle share nothing: fresh key and IV.
            #expect(try BundleEnvelope.seal(plaintext, for: certificate) != sealed)
        }
    }

    @Test("openssl cms decrypts it relabelled with RFC 5652 OIDs; pkeyutl decrypts the SM2-encrypted key and enc -sm4-cbc the content with it; asn1parse and asn1crypto read it")
    func crossChecked() throws {
        let (key, certificate) = try RecipientFixture.make()
        let directory = try TemporaryDirectory()
        let plaintext = Array("PK 公民身份号码 11010519491231002X, 北京某某科技发展有限公司 合同专用章".utf8)
        let sealed = try BundleEnvelope.seal(plaintext, for: certificate)
        let envelopePath = try directory.write("bundle.zip.p7e", sealed)
        let certificatePath = try directory.write("recipient.pem", Array(certificate.pemEncoded.utf8))
        let keyPath = try directory.write("recipient.p8", try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "pass"), encryption: StationFixture.encryption))

        // OpenSSL 3.0.19's `cms -decrypt` does not know GB/T 35275's content-type OIDs: on our envelope it stops at
        // "cms_get_enveloped_type:content type not enveloped data" (and its `cms -encrypt` to an SM2 certificate fails
        // with "asn1_template_ex_i2d:illegal zero content"). The same envelope with only the two content types relabelled
        // to RFC 5652's (id-envelopedData 1.2.840.113549.1.7.3, id-data) it decrypts: its SM2 key transport reads our
        // KeyTransRecipientInfo and SM2Cipher, and its SM4-CBC our IV and padding.
        let cms = try ExternalTool.run("openssl", [
            "cms", "-decrypt", "-inform", "DER", "-in", envelopePath, "-recip", certificatePath, "-inkey", keyPath, "-passin", "pass:pass",
        ])
        #expect(!cms.succeeded && cms.stderr.contains("content type not enveloped data"), "\(cms.stderr)")
        var relabelled = try parts(sealed)
        relabelled.encryptedContentInfo.contentType = CMS.data
        let relabelledPath = try directory.write("rfc5652.p7e", try encode(relabelled, contentType: [1, 2, 840, 113549, 1, 7, 3]))
        let decryptedByCMS = try ExternalTool.run("openssl", [
            "cms", "-decrypt", "-inform", "DER", "-in", relabelledPath, "-recip", certificatePath, "-inkey", keyPath, "-passin", "pass:pass",
        ])
        #expect(decryptedByCMS.succeeded, "\(decryptedByCMS.stderr)")
        #expect(Array(decryptedByCMS.standardOutput) == plaintext)

        let parsed = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", envelopePath])
        #expect(parsed.succeeded, "\(parsed.stderr)")
        #expect(parsed.stdout.contains(":1.2.156.10197.6.1.4.2.3") && parsed.stdout.contains(":1.2.156.10197.1.301.3")
                    && parsed.stdout.contains(":sm4-cbc") && parsed.stdout.contains(":1.2.156.10197.6.1.4.2.1"), "\(parsed.stdout)")

        let data = try parts(sealed)
        guard case .keyTransport(let ktri) = data.recipientInfos.first,
              let parameters = data.encryptedContentInfo.contentEncryptionAlgorithm.parameters,
              let content = data.encryptedContentInfo.encryptedContent
        else { Issue.record("not a ktri envelope"); return }
        let iv = try ASN1OctetString(asn1Any: parameters)
        let contentKey = try ExternalTool.run("openssl", [
            "pkeyutl", "-decrypt", "-keyform", "DER", "-inkey", keyPath, "-passin", "pass:pass",
            "-in", try directory.write("key.sm2", Array(ktri.encryptedKey.bytes)),
        ])
        #expect(contentKey.succeeded && contentKey.standardOutput.count == 16, "\(contentKey.stderr)")
        let decrypted = try ExternalTool.run("openssl", [
            "enc", "-d", "-sm4-cbc", "-K", Hex.encode(Array(contentKey.standardOutput)), "-iv", Hex.encode(Array(iv.bytes)),
            "-in", try directory.write("content.bin", Array(content.bytes)),
        ])
        #expect(decrypted.succeeded, "\(decrypted.stderr)")
        #expect(Array(decrypted.standardOutput) == plaintext)

        let read = try PythonTools.run(script: """
            import sys
            from asn1crypto import cms, core
            class ContentInfo(core.Sequence):
                _fields = [('content_type', core.ObjectIdentifier), ('content', cms.EnvelopedData, {'explicit': 0})]
            ci = ContentInfo.load(open(sys.argv[1], 'rb').read(), strict=True)
            ed = ci['content']
            ri = ed['recipient_infos'][0].chosen
            eci = ed['encrypted_content_info']
            print(ci['content_type'].dotted, ed['version'].native, ri['version'].native)
            print(ri['rid'].chosen['serial_number'].contents.hex(), ri['key_encryption_algorithm']['algorithm'].dotted)
            print(eci['content_type'].dotted, eci['content_encryption_algorithm']['algorithm'].dotted)
            print(core.OctetString.load(eci['content_encryption_algorithm']['parameters'].dump()).native.hex(), len(eci['encrypted_content'].native))
            """, [envelopePath])
        #expect(read.succeeded, "\(read.stderr)")
        let lines = read.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first == "1.2.156.10197.6.1.4.2.3 v0 v0")
        #expect(lines.dropFirst().first == "\(Hex.encode(certificate.serialNumber)) 1.2.156.10197.1.301.3")
        #expect(lines.dropFirst(2).first == "1.2.156.10197.6.1.4.2.1 1.2.156.10197.1.104.2")
        #expect(lines.last == "\(Hex.encode(Array(iv.bytes))) \(content.bytes.count)")
    }

    @Test("another certificate is refused by name; a key that is not the certificate's is refused before use")
    func wrongRecipient() throws {
        let (key, certificate) = try RecipientFixture.make()
        let (otherKey, other) = try RecipientFixture.make("/C=CN/O=另一省公安厅/CN=备案中心")
        let sealed = try envelope(try BundleEnvelope.seal(Array("bundle".utf8), for: certificate))
        #expect(throws: BundleEnvelopeError.notForRecipient(recipients: [EnvelopeRecipient(certificate: certificate)], given: EnvelopeRecipient(certificate: other))) {
            try sealed.open(with: otherKey, certificate: other)
        }
        #expect(throws: BundleEnvelopeError.keyDoesNotMatchCertificate(EnvelopeRecipient(certificate: certificate))) {
            try sealed.open(with: otherKey, certificate: certificate)
        }
        #expect(try sealed.open(with: key, certificate: certificate) == Array("bundle".utf8))
        let error = BundleEnvelopeError.notForRecipient(recipients: sealed.recipients, given: EnvelopeRecipient(certificate: other))
        #expect(error.description.contains("某省公安厅") && error.description.contains(EnvelopeRecipient(certificate: certificate).serialNumber))
    }

    @Test("a wrong key under the same certificate name, a bad padding and a changed encrypted key give the same error")
    func noPaddingOracle() throws {
        let serial: [UInt8] = [0x42, 0x01, 0x02]
        let (_, certificate) = try RecipientFixture.make(serialNumber: serial)
        let (twinKey, twin) = try RecipientFixture.make(serialNumber: serial)  // same issuer and serial, another key
        let plaintext = Array(repeating: UInt8(0x5A), count: 100)
        let sealed = try BundleEnvelope.seal(plaintext, for: certificate)
        let expected = BundleEnvelopeError.cannotDecrypt(EnvelopeRecipient(certificate: twin))
        #expect(throws: expected) { try envelope(sealed).open(with: twinKey, certificate: twin) }

        // The twin's own envelope with its last ciphertext byte changed: the padding is wrong (or, 1 time in 256, the
        // padding happens to be valid and a different plaintext comes out — never the original).
        let own = try BundleEnvelope.seal(plaintext, for: twin)
        var badPadding = own
        badPadding[badPadding.count - 1] ^= 0x01
        do {
            let opened = try envelope(badPadding).open(with: twinKey, certificate: twin)
            #expect(opened != plaintext)
        } catch let error as BundleEnvelopeError {
            #expect(error == expected)
        }
        // The content of one envelope under the key of another: garbage padding, same answer.
        var mixed = try parts(own)
        mixed.encryptedContentInfo = try parts(try BundleEnvelope.seal(plaintext, for: twin)).encryptedContentInfo
        do {
            let opened = try envelope(try encode(mixed)).open(with: twinKey, certificate: twin)
            #expect(opened != plaintext)
        } catch let error as BundleEnvelopeError {
            #expect(error == expected)
        }
    }

    @Test("unknown versions, fields, recipients and algorithms, a bad IV, ragged or absent content and hostile sizes are refused by name")
    func refusesHostileStructures() throws {
        let (_, certificate) = try RecipientFixture.make()
        let sealed = try BundleEnvelope.seal(Array(repeating: 1, count: 40), for: certificate)
        let good = try parts(sealed)
        guard case .keyTransport(let ktri) = good.recipientInfos.first else { Issue.record("no ktri"); return }
        func changed(_ change: (inout CMS.EnvelopedData) throws -> Void) throws -> [UInt8] {
            var data = good
            try change(&data)
            return try encode(data)
        }
        func withRecipient(_ change: (inout CMS.KeyTransRecipientInfo) -> Void) throws -> [UInt8] {
            try changed { data in
                var info = ktri
                change(&info)
                data.recipientInfos = [.keyTransport(info)]
            }
        }
        let aes = CMS.AlgorithmIdentifier([2, 16, 840, 1, 101, 3, 4, 1, 2], parameters: good.encryptedContentInfo.contentEncryptionAlgorithm.parameters)
        let cases: [(String, [UInt8], (BundleEnvelopeError) -> Bool)] = [
            ("version 2", try changed { $0.version = 2 }, { if case .unsupported(let what, _) = $0 { what.contains("version") } else { false } }),
            ("originatorInfo", try changed { $0.originatorInfo = [0xA0, 0x00] }, { $0 == .unsupported(what: "the field", value: "originatorInfo") }),
            ("unprotectedAttrs", try changed { $0.unprotectedAttributes = [0xA1, 0x00] }, { $0 == .unsupported(what: "the field", value: "unprotectedAttrs") }),
            ("kari", try changed { $0.recipientInfos = [.other(tagNumber: 1, der: [0xA1, 0x00])] }, {
                $0 == .unsupported(what: "the recipient kind", value: "kari (key agreement)") }),
            ("17 recipients", try changed { $0.recipientInfos = Array(repeating: $0.recipientInfos[0], count: 17) }, {
                if case .unsupported(let what, _) = $0 { what.contains("recipient count") } else { false } }),
            ("ktri version 2", try withRecipient { $0.version = 2 }, { if case .unsupported(let what, _) = $0 { what.contains("KeyTrans") } else { false } }),
            ("RSA key transport", try withRecipient { $0.keyEncryptionAlgorithm = CMS.AlgorithmIdentifier([1, 2, 840, 113549, 1, 1, 1]) }, {
                if case .unsupported(let what, _) = $0 { what.contains("key encryption") } else { false } }),
            ("AES content", try changed { $0.encryptedContentInfo.contentEncryptionAlgorithm = aes }, {
                if case .unsupported(let what, _) = $0 { what.contains("content encryption") } else { false } }),
            ("signedData content", try changed { $0.encryptedContentInfo.contentType = GBT35275.signedData }, {
                if case .unsupported(let what, _) = $0 { what.contains("encrypted content type") } else { false } }),
            ("8-byte IV", try changed {
                $0.encryptedContentInfo.contentEncryptionAlgorithm.parameters = try ASN1Any(erasing: ASN1OctetString(contentBytes: [1, 2, 3, 4, 5, 6, 7, 8]))
            }, { if case .malformed(let detail) = $0 { detail.contains("IV") } else { false } }),
            ("no IV", try changed { $0.encryptedContentInfo.contentEncryptionAlgorithm.parameters = nil }, {
                if case .malformed(let detail) = $0 { detail.contains("IV") } else { false } }),
            ("ragged content", try changed {
                $0.encryptedContentInfo.encryptedContent = ASN1OctetString(contentBytes: $0.encryptedContentInfo.encryptedContent!.bytes.dropLast())
            }, { if case .malformed(let detail) = $0 { detail.contains("blocks") } else { false } }),
            ("absent content", try changed { $0.encryptedContentInfo.encryptedContent = nil }, {
                if case .malformed(let detail) = $0 { detail.contains("absent") } else { false } }),
            ("signedData ContentInfo", try encode(good, contentType: GBT35275.signedData), {
                if case .unsupported(let what, _) = $0 { what == "the content type" } else { false } }),
            ("trailing byte", sealed + [0], { if case .notEnveloped = $0 { true } else { false } }),
        ]
        for (name, bytes, matches) in cases {
            do {
                _ = try envelope(bytes)
                Issue.record("\(name) was read")
            } catch let error as BundleEnvelopeError {
                #expect(matches(error), "\(name): \(error)")
            }
        }
        // A content larger than the limit is refused before decryption; a file far past it before parsing.
        #expect(throws: BundleEnvelopeError.contentTooLarge(bytes: 48, limit: 16)) { try BundleEnvelope(derEncoded: sealed, maximumContentBytes: 16) }
        let huge = [UInt8](repeating: 0x30, count: 70_000)
        #expect(throws: BundleEnvelopeError.tooLarge(bytes: 70_000, limit: 16 + 65_536)) { try BundleEnvelope(derEncoded: huge, maximumContentBytes: 16) }
        // Every truncation is refused as not an envelope.
        for length in 0..<sealed.count {
            #expect(throws: BundleEnvelopeError.self) { try envelope(Array(sealed.prefix(length))) }
        }
    }

    @Test("every single-byte change of a small envelope is refused or gives another plaintext, never the original and never a crash")
    func everyByteChange() throws {
        let (key, certificate) = try RecipientFixture.make()
        let plaintext = Array("PK\u{3}\u{4} a small signed bundle".utf8)
        let sealed = try BundleEnvelope.seal(plaintext, for: certificate)
        var refused = 0, garbled = 0
        for position in sealed.indices {
            var changed = sealed
            changed[position] ^= 0x01
            do {
                let opened = try envelope(changed).open(with: key, certificate: certificate)
                #expect(opened != plaintext, "byte \(position) changed gave the original plaintext")
                garbled += 1
            } catch is BundleEnvelopeError {
                refused += 1
            }
        }
        // Only a change in the IV or the first ciphertext block can decrypt (to a changed bundle its signature refuses).
        #expect(refused + garbled == sealed.count)
        #expect(garbled <= 32)
    }

    @Test("a recipient certificate without keyEncipherment or with a P-256 key is refused")
    func refusesUnsuitableRecipients() throws {
        let fixture = try StationFixture()
        let (_, signing) = try fixture.issue(.maker, "/C=CN/O=某市公安局/CN=制章人")
        #expect(throws: BundleEnvelopeError.recipientNotForEncryption(EnvelopeRecipient(certificate: signing))) {
            try BundleEnvelope.seal([1], for: signing)
        }
        let (_, p256) = try fixture.issue(.holder, "/C=CN/CN=P-256", algorithm: .p256)
        #expect(throws: BundleEnvelopeError.recipientNotSM2(KeyAlgorithm.p256.displayName)) { try BundleEnvelope.seal([1], for: p256) }
    }

    @Test("an authority's certificate made by openssl with a serial number whose top bit is set (DER adds a zero octet) is named exactly and opens")
    func highBitSerial() throws {
        let directory = try TemporaryDirectory()
        let plain = directory.path("key.pem"), certificatePath = directory.path("cert.pem"), keyPath = directory.path("key.p8")
        #expect(try ExternalTool.run("openssl", ["genpkey", "-algorithm", "SM2", "-out", plain]).succeeded)
        let made = try ExternalTool.run("openssl", [
            "req", "-new", "-x509", "-key", plain, "-sm3", "-sigopt", "distid:1234567812345678", "-days", "30", "-set_serial", "0x8A0B0C0D",
            "-subj", "/C=CN/O=Authority/CN=encryption", "-addext", "keyUsage=critical,keyEncipherment", "-out", certificatePath,
        ])
        #expect(made.succeeded, "\(made.stderr)")
        #expect(try ExternalTool.run("openssl", [
            "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-iter", "200000", "-in", plain, "-outform", "DER", "-out", keyPath, "-passout", "pass:p",
        ]).succeeded)
        let certificate = try Certificate(derOrPEM: Array(try Data(contentsOf: URL(fileURLWithPath: certificatePath))))
        let key = try PrivateKey(encryptedPKCS8: Array(try Data(contentsOf: URL(fileURLWithPath: keyPath))), passphrase: SecretBytes(utf8: "p"))
        #expect(certificate.serialNumber == [0x8A, 0x0B, 0x0C, 0x0D])
        let sealed = try BundleEnvelope.seal(Array("bundle".utf8), for: certificate)
        let opened = try envelope(sealed)
        #expect(opened.recipients == [EnvelopeRecipient(issuer: certificate.issuer.description, serialNumber: "8a0b0c0d")])
        #expect(try opened.open(with: key, certificate: certificate) == Array("bundle".utf8))
        // On the wire: INTEGER 00 8A 0B 0C 0D, minimal DER, as openssl reads it.
        let parsed = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", try directory.write("e.p7e", sealed)])
        #expect(parsed.stdout.contains("INTEGER           :8A0B0C0D"), "\(parsed.stdout)")
    }
}
