/// The signature dictionary's /SubFilter: which CMS profile /Contents holds (ISO 32000-2 §12.8.3.3).
public enum PDFSubFilter: String, Sendable, CaseIterable, Codable {
    /// `adbe.pkcs7.detached`: the CMS with contentType, signingTime and messageDigest signed — what Chinese systems
    /// write for SM2 seals.
    case adbePKCS7Detached = "adbe.pkcs7.detached"
    /// `ETSI.CAdES.detached` (PAdES baseline B, ETSI EN 319 142-1): signingCertificateV2 signed, no signingTime
    /// attribute (the time is the dictionary's /M).
    case etsiCAdESDetached = "ETSI.CAdES.detached"
}
