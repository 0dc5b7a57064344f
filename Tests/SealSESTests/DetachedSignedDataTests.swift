import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import Testing

@Suite("GB/T 35275 detached SignedData")
struct DetachedSignedDataTests {
    @Test("asn1crypto reads it as CMS SignedData; openssl verifies the SM2 signature over the exact signed attributes")
    func crossChecked() throws {
        let fixture = try StationFixture()
        let (makerKey, makerCertificate) = try fixture.issue(.maker, "/C=CN/O=某市公安局/CN=制章人")
        let content = Array("Tag-Manifest: bagit.txt\nsm3 0123 data/seal.sel\n".utf8)
        let signed = try DetachedSignedData.sign(
            content: content, signer: makerKey, certificate: makerCertificate, chain: [fixture.ca.certificate],
            signingTime: StationFixture.now)

        let directory = fixture.directory
        let path = try directory.write("tagmanifest.p7s", signed.derEncoded)
        let parse = try PythonTools.run(script: """
            import sys
            from asn1crypto import cms, core
            data = open(sys.argv[1], 'rb').read()
            class ContentInfo(core.Sequence):
                _fields = [('content_type', core.ObjectIdentifier), ('content', cms.SignedData, {'explicit': 0})]
            ci = ContentInfo.load(data, strict=True)
            sd = ci['content']
            si = sd['signer_infos'][0]
            attrs = {a['type'].dotted: a['values'][0] for a in si['signed_attrs']}
            print(ci['content_type'].dotted)
            print(sd['version'].native, sd['encap_content_info']['content_type'].dotted, sd['encap_content_info']['content'].native)
            print(si['sid'].chosen['serial_number'].native)
            print(si['digest_algorithm']['algorithm'].dotted, si['signature_algorithm']['algorithm'].dotted)
            print(attrs['1.2.840.113549.1.9.4'].native.hex())
            print(attrs['1.2.840.113549.1.9.3'].dotted if hasattr(attrs['1.2.840.113549.1.9.3'], 'dotted') else attrs['1.2.840.113549.1.9.3'].native)
            print(len(sd['certificates']))
            print(si['signed_attrs'].untag().dump(force=True).hex())
            """, [path])
        #expect(parse.succeeded, "\(parse.stderr)")
        let lines = parse.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 8, "\(parse.stdout)")
        #expect(lines[0] == "1.2.156.10197.6.1.4.2.2")
        #expect(lines[1] == "v1 1.2.156.10197.6.1.4.2.1 None")
        #expect(lines[2] == "\(BigUInt(bytes: makerCertificate.serialNumber))")
        #expect(lines[3] == "1.2.156.10197.1.401 1.2.156.10197.1.301.1")
        #expect(lines[4] == Hex.encode(try SM3.hash(content)))
        #expect(lines[5] == "1.2.156.10197.6.1.4.2.1")
        #expect(lines[6] == "2")
        // The signed attributes re-encoded as a SET by asn1crypto are exactly the bytes we signed.
        #expect(lines[7] == Hex.encode(signed.signedAttributesDER))

        let publicKey = try directory.write("maker.pub.der", makerKey.publicKey.derEncoded)
        let verify = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-keyform", "DER", "-verify", publicKey, "-sigopt", "distid:1234567812345678",
            "-signature", try directory.write("sig.der", signed.signature), try directory.write("attrs.der", signed.signedAttributesDER),
        ])
        #expect(verify.succeeded && verify.stdout.contains("Verified OK"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test("verify: the content, signature, signer and chain are checked; every changed byte is refused")
    func verifies() throws {
        let fixture = try StationFixture()
        let (makerKey, makerCertificate) = try fixture.issue(.maker, "/C=CN/O=某市公安局/CN=制章人")
        let content = Array("tagmanifest-sm3.txt content\n".utf8)
        let signed = try DetachedSignedData.sign(
            content: content, signer: makerKey, certificate: makerCertificate, chain: [fixture.ca.certificate],
            signingTime: StationFixture.now)
        let result = try DetachedSignedData.verify(signed.derEncoded, content: content, anchors: [fixture.ca.certificate])
        #expect(result.signer == makerCertificate)
        #expect(result.signingTime == StationFixture.now)
        #expect {
            try DetachedSignedData.verify(signed.derEncoded, content: content + [0x0a], anchors: [fixture.ca.certificate])
        } throws: { "\($0)".contains("messageDigest does not match") }
        let other = try StationFixture()
        #expect {
            try DetachedSignedData.verify(signed.derEncoded, content: content, anchors: [other.ca.certificate])
        } throws: { "\($0)".contains("does not chain to the anchors") }
        // Every truncation is refused cleanly (no crash on missing fields).
        for length in 0..<signed.derEncoded.count {
            #expect(throws: (any Error).self, "truncated to \(length)") {
                try DetachedSignedData.verify(Array(signed.derEncoded.prefix(length)), content: content, anchors: [fixture.ca.certificate])
            }
        }
        for offset in 0..<signed.derEncoded.count {
            var changed = signed.derEncoded
            changed[offset] ^= 0x01
            #expect(throws: (any Error).self, "byte \(offset) of \(signed.derEncoded.count)") {
                try DetachedSignedData.verify(changed, content: content, anchors: [fixture.ca.certificate])
            }
        }
    }

    @Test("only SM2 signers whose key matches the certificate")
    func refusesOtherSigners() throws {
        let fixture = try StationFixture()
        let (ecdsaKey, ecdsaCertificate) = try fixture.issue(.maker, "/C=CN/CN=P-256", algorithm: .p256)
        #expect(throws: SealSESError.signedDataSignerNotSM2("ECDSA P-256")) {
            try DetachedSignedData.sign(content: [1], signer: ecdsaKey, certificate: ecdsaCertificate, signingTime: StationFixture.now)
        }
        let (otherKey, _) = try fixture.issue(.maker, "/C=CN/CN=其他")
        let (_, makerCertificate) = try fixture.issue(.maker, "/C=CN/CN=制章人")
        #expect(throws: SealSESError.keyDoesNotMatchCertificate(role: "SignedData signer")) {
            try DetachedSignedData.sign(content: [1], signer: otherKey, certificate: makerCertificate, signingTime: StationFixture.now)
        }
    }
}

/// The decimal value of a big-endian unsigned integer (for comparing serial numbers with Python's output).
struct BigUInt: CustomStringConvertible {
    let bytes: [UInt8]
    var description: String {
        var digits = [UInt8](repeating: 0, count: 1)  // little-endian base-10 digits
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                let value = Int(digits[index]) * 256 + carry
                digits[index] = UInt8(value % 10)
                carry = value / 10
            }
            while carry > 0 { digits.append(UInt8(carry % 10)); carry /= 10 }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        return String(digits.reversed().map { Character(String($0)) })
    }
}
