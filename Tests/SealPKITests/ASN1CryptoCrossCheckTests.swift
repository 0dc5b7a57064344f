import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
import Testing

/// PyPI asn1crypto, a DER parser we did not write, reads our certificates and key files.
@Suite("Cross-check with PyPI asn1crypto")
struct ASN1CryptoCrossCheckTests {
    static let certificateScript = """
        import json, sys
        from asn1crypto import x509
        cert = x509.Certificate.load(open(sys.argv[1], 'rb').read())
        tbs = cert['tbs_certificate']
        out = {
            'version': tbs['version'].native,
            'serial_bytes': len(tbs['serial_number'].contents),
            'signature_oid': cert['signature_algorithm']['algorithm'].dotted,
            'curve_oid': tbs['subject_public_key_info']['algorithm']['parameters'].chosen.dotted,
            'subject_cn': cert.subject.native['common_name'],
            'subject_cn_tag': [a for rdn in tbs['subject'].chosen for a in rdn if a['type'].native == 'common_name'][0]['value'].name,
            'ca': cert.basic_constraints_value['ca'].native,
            'path_len': cert.basic_constraints_value['path_len_constraint'].native,
            'key_usage': sorted(cert.key_usage_value.native),
            'critical': sorted(e['extn_id'].native for e in tbs['extensions'] if e['critical'].native),
            'ski': cert.key_identifier.hex(),
            'aki': cert.authority_key_identifier.hex(),
        }
        print(json.dumps(out))
        """

    static let keyScript = """
        import json, sys
        from asn1crypto import keys
        info = keys.EncryptedPrivateKeyInfo.load(open(sys.argv[1], 'rb').read())
        algorithm = info['encryption_algorithm']
        kdf = algorithm['parameters']['key_derivation_func']
        print(json.dumps({
            'scheme': algorithm['algorithm'].native,
            'kdf': kdf['algorithm'].native,
            'iterations': kdf['parameters']['iteration_count'].native,
            'salt_bytes': len(kdf['parameters']['salt'].native),
            'prf': kdf['parameters']['prf']['algorithm'].native,
            'cipher': algorithm['parameters']['encryption_scheme']['algorithm'].dotted,
        }))
        """

    func facts(_ script: String, _ path: String) throws -> [String: Any] {
        let result = try PythonTools.run(script: script, [path])
        #expect(result.succeeded, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
    }

    @Test("asn1crypto reads the station root and a holder certificate as we meant them")
    func certificates() throws {
        let fixture = try StationFixture()
        let root = try facts(Self.certificateScript, fixture.ca.certificatePath)
        #expect(root["version"] as? String == "v3")
        #expect(root["serial_bytes"] as? Int == 20)
        #expect(root["signature_oid"] as? String == "1.2.156.10197.1.501")
        #expect(root["curve_oid"] as? String == "1.2.156.10197.1.301")
        #expect(root["subject_cn"] as? String == "某市电子印章站点根CA")
        #expect(root["subject_cn_tag"] as? String == "utf8_string")
        #expect(root["ca"] as? Bool == true)
        #expect(root["path_len"] as? Int == 0)
        #expect(root["key_usage"] as? [String] == ["crl_sign", "key_cert_sign"])
        #expect(root["critical"] as? [String] == ["basic_constraints", "key_usage"])
        #expect(root["ski"] as? String == root["aki"] as? String)

        let (_, holder) = try fixture.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章")
        let path = try fixture.directory.write("holder.der", holder.derEncoded)
        let facts = try facts(Self.certificateScript, path)
        #expect(facts["ca"] as? Bool == false)
        #expect(facts["key_usage"] as? [String] == ["digital_signature", "non_repudiation"])
        #expect(facts["aki"] as? String == root["ski"] as? String)
        #expect(facts["subject_cn"] as? String == "合同专用章")
    }

    @Test("asn1crypto reads our encrypted key file as PBES2 / PBKDF2-HMAC-SHA256", arguments: KeyEncryption.Cipher.allCases)
    func keyFile(cipher: KeyEncryption.Cipher) throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(.sm2)
        let path = try directory.write("k.p8", try key.encryptedPKCS8(
            passphrase: SecretBytes(utf8: "passphrase"), encryption: KeyEncryption(cipher: cipher, iterations: 250_000)))
        let facts = try facts(Self.keyScript, path)
        #expect(facts["scheme"] as? String == "pbes2")
        #expect(facts["kdf"] as? String == "pbkdf2")
        #expect(facts["iterations"] as? Int == 250_000)
        #expect(facts["salt_bytes"] as? Int == 16)
        #expect(facts["prf"] as? String == "sha256")
        #expect(facts["cipher"] as? String == (cipher == .aes256CBC ? "2.16.840.1.101.3.4.1.42" : "1.2.156.10197.1.104.2"))
    }
}
