/// The Chinese names the 验章 page gives the verifiers' checks, by their stable ids (`VerificationReport.Check.id`);
/// a check of the seal inside a signature (`seal.…`) is named 印章：…. An id not listed keeps the verifier's own title.
enum CheckTitles {
    static let names: [String: String] = [
        "maker-signature": "制章者对印章信息的签名",
        "maker-certificate": "制章者证书",
        "maker-certificate-validity": "制章时间和签章时间在制章者证书有效期内",
        "maker-certificate-revocation": "制章者证书未被吊销（CRL）",
        "validity": "印章有效期",
        "picture": "印章图像",
        "holders": "印章持有人证书列表",
        "holder-revocation": "持有人证书未被吊销（CRL）",
        "signer-certificate": "签章人证书",
        "signer-certificate-validity": "签章时间在签章人证书有效期内",
        "signer-certificate-revocation": "签章人证书未被吊销（CRL）",
        "signer-is-holder": "签章人是印章的持有人",
        "signer-signature": "签章人的签名",
        "signing-time": "签章时间",
        "data-hash": "文件摘要（SM3）",
        "signed-value": "签名值文件（SignedValue.dat）",
        "signature-description": "签名描述文件（Signature.xml）",
        "references": "签章保护的文件未被改动",
        "check-method": "摘要算法（CheckMethod）",
        "seal-file": "印章文件（Seal.esl）",
        "stamp-annotations": "签章外观（StampAnnot）",
        "sub-filter": "PDF 签名格式（/Filter、/SubFilter）",
        "byte-range": "PDF 签名范围（/ByteRange）",
        "later-revisions": "签名之后对文件的修改",
        "contents": "PDF 签名值（/Contents）",
        "cms": "CMS 签名数据（SignedData）",
        "message-digest": "签名范围的摘要未被改动",
        "content-type": "签名属性 contentType",
        "cms-signature": "签名人对签名属性的签名",
        "signer-chain": "签名人证书链",
        "ses-signature": "电子签章数据（GB/T 38540 SES_Signature）",
    ]

    /// The Chinese title of check `id`, else `fallback`.
    static func title(_ id: String, fallback: String) -> String {
        if id.hasPrefix("seal."), let name = names[String(id.dropFirst("seal.".count))] { return "印章：" + name }
        return names[id] ?? fallback
    }
}
