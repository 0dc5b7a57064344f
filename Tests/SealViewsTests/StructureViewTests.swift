import Foundation
import SealASN1
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import SealViews
import SwiftASN1
import Testing

@Suite("The views of certificates, seals and signatures, as JSON")
struct StructureViewTests {
    @Test("a certificate: names, hex serial, ISO 8601 validity, algorithms, CA flag, key usage, SM3 fingerprint; no path unless given")
    func certificate() throws {
        let fixture = try ViewFixture()
        let ca = fixture.station.ca.certificate
        let json = try jsonObject(CertificateSummary(ca))
        #expect(Set(json.keys) == ["subject", "issuer", "serialNumber", "notBefore", "notAfter", "keyAlgorithm", "signatureAlgorithm",
                                   "isCA", "keyUsage", "sm3Fingerprint"])
        #expect(json["subject"] as? String == "C=CN, O=某市公安局, OU=SealStation, CN=某市电子印章站点根CA")
        #expect(json["issuer"] as? String == "C=CN, O=某市公安局, OU=SealStation, CN=某市电子印章站点根CA")
        #expect(json["serialNumber"] as? String == Hex.encode(ca.serialNumber))
        #expect((json["serialNumber"] as? String)?.allSatisfy(\.isHexDigit) == true)
        #expect(json["notBefore"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["keyAlgorithm"] as? String == "sm2")
        #expect(json["signatureAlgorithm"] as? String == "sm2WithSM3")
        #expect(json["isCA"] as? Bool == true)
        #expect(json["keyUsage"] as? [String] == ["keyCertSign", "cRLSign"])
        #expect(json["sm3Fingerprint"] as? String == Hex.encode(try SM3.hash(ca.derEncoded)))

        let holder = try jsonObject(CertificateSummary(fixture.holderCertificate, path: "/srv/seal/holder.cert.der"))
        #expect(holder["subject"] as? String == "C=CN, O=北京某某科技发展有限公司, OU=91110108MA00000070, CN=合同专用章")
        #expect(holder["issuer"] as? String == "C=CN, O=某市公安局, OU=SealStation, CN=某市电子印章站点根CA")
        #expect(holder["notBefore"] as? String == "2026-09-21T14:13:20Z")
        #expect(holder["notAfter"] as? String == "2028-11-29T14:13:20Z")
        #expect(holder["isCA"] as? Bool == false)
        #expect(holder["keyUsage"] as? [String] == ["digitalSignature", "nonRepudiation"])
        // Slashes are not escaped.
        #expect(holder["path"] as? String == "/srv/seal/holder.cert.der")
        #expect(try ViewJSON.string(CertificateSummary(fixture.holderCertificate, path: "/srv/seal/holder.cert.der"))
            .contains("\"path\" : \"/srv/seal/holder.cert.der\""))
    }

    @Test("a P-256 certificate names its key and signature algorithms")
    func p256Certificate() throws {
        let fixture = try ViewFixture()
        let (_, certificate) = try fixture.station.issue(.holder, "/C=CN/CN=令牌持有者", algorithm: .p256)
        let json = try jsonObject(CertificateSummary(certificate))
        #expect(json["keyAlgorithm"] as? String == "p256")
        // Signed by the SM2 station CA.
        #expect(json["signatureAlgorithm"] as? String == "sm2WithSM3")
    }

    @Test("a seal: header, properties, ISO 8601 dates, picture size and SM3, holder and maker subjects, SM3; no path")
    func seal() throws {
        let fixture = try ViewFixture()
        let seal = try fixture.seal()
        let json = try jsonObject(SealSummary(seal, path: nil))
        #expect(Set(json.keys) == ["version", "vendorID", "esID", "type", "name", "certListType", "holders", "createDate", "validStart",
                                   "validEnd", "pictureType", "pictureBytes", "pictureWidthMM", "pictureHeightMM", "pictureSM3", "maker",
                                   "extensions", "deviations", "sm3"])
        #expect(json["version"] as? String == "v4")
        #expect(json["vendorID"] as? String == "SealStation")
        #expect(json["esID"] as? String == "11010800000001")
        #expect(json["type"] as? Int == 1)
        #expect(json["name"] as? String == "北京某某科技发展有限公司合同专用章")
        #expect(json["certListType"] as? Int == 1)
        #expect(json["holders"] as? [String] == ["C=CN, O=北京某某科技发展有限公司, OU=91110108MA00000070, CN=合同专用章"])
        #expect(json["createDate"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["validStart"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["validEnd"] as? String == "2028-09-20T14:13:20Z")
        #expect(json["pictureType"] as? String == "PNG")
        #expect(json["pictureBytes"] as? Int == 70)
        #expect(json["pictureWidthMM"] as? Int == 40)
        #expect(json["pictureHeightMM"] as? Int == 40)
        #expect(json["pictureSM3"] as? String == Hex.encode(try SM3.hash(ViewFixture.tinyPNG)))
        #expect(json["maker"] as? String == "C=CN, O=某市公安局, CN=制章人")
        #expect(json["extensions"] as? [String] == [])
        #expect(json["deviations"] as? [String] == [])
        #expect(json["sm3"] as? String == Hex.encode(try SM3.hash(seal.derEncoded)))
        #expect(try jsonObject(SealSummary(seal, path: "a/b.sel"))["path"] as? String == "a/b.sel")
    }

    @Test("a seal listing its holder by digest, with an extension: the digest and the extension described")
    func sealByDigest() throws {
        let fixture = try ViewFixture()
        let extensionValue = Array("站点自定义数据".utf8)
        let seal = try fixture.seal(
            byDigest: true,
            extensions: [ExtData(extnID: try ASN1ObjectIdentifier(dotRepresentation: "1.2.156.999.1"), critical: true, extnValue: extensionValue)])
        let json = try jsonObject(SealSummary(seal, path: nil))
        #expect(json["certListType"] as? Int == 2)
        let holders = try #require(json["holders"] as? [String])
        #expect(holders.count == 1)
        #expect(holders.first?.hasSuffix(" digest " + Hex.encode(try SM3.hash(fixture.holderCertificate.derEncoded))) == true, "\(holders)")
        #expect(json["extensions"] as? [String] == ["1.2.156.999.1 (critical): \(extensionValue.count) bytes"])
    }

    @Test("a signature: ISO 8601 signing time, document name and SM3, signer, algorithm OID, seal name and esID, SM3")
    func signature() throws {
        let fixture = try ViewFixture()
        let seal = try fixture.seal()
        let signature = try fixture.signature(with: seal)
        let json = try jsonObject(SignatureSummary(signature, path: "合同.ses"))
        #expect(Set(json.keys) == ["version", "signingTime", "documentName", "propertyInfo", "dataHashSM3", "signer", "signatureAlgorithm",
                                   "sealName", "sealESID", "extensions", "sm3", "path"])
        #expect(json["version"] as? String == "v4")
        #expect(json["signingTime"] as? String == "2026-09-22T14:13:20Z")
        #expect(json["documentName"] as? String == "合同-2026-001.txt")
        // The document name as filed: percent-escaped UTF-8, ASCII only.
        #expect(json["propertyInfo"] as? String == "%E5%90%88%E5%90%8C-2026-001.txt")
        #expect(json["dataHashSM3"] as? String == Hex.encode(try SM3.hash(ViewFixture.document)))
        #expect(json["signer"] as? String == "C=CN, O=北京某某科技发展有限公司, OU=91110108MA00000070, CN=合同专用章")
        #expect(json["signatureAlgorithm"] as? String == "1.2.156.10197.1.501")
        #expect(json["sealName"] as? String == "北京某某科技发展有限公司合同专用章")
        #expect(json["sealESID"] as? String == "11010800000001")
        #expect(json["extensions"] as? [String] == [])
        #expect(json["sm3"] as? String == Hex.encode(try SM3.hash(signature.derEncoded)))
        #expect(json["path"] as? String == "合同.ses")
        #expect(try jsonObject(SignatureSummary(signature, path: nil))["path"] == nil)
    }
}
