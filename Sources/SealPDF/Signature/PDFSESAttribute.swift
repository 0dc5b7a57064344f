/// SealStation's unsigned CMS attribute that carries the GB/T 38540 SES_Signature of a PDF signature: made over the
/// same byte range as the CMS (its TBS_Sign.dataHash is the SM3 of those bytes) and holding the SES_Seal, so a seal
/// verifier can check the seal while other PDF tools, which ignore unknown unsigned attributes, check the CMS.
///
/// Its type is `2.25.227684413538665603119869619127039805750`, an OID under the ITU-T X.667 UUID arc (a UUID needs no
/// registration, so SealStation owns this one), with one value: the SES_Signature's DER in an OCTET STRING.
public enum PDFSESAttribute {
    /// The dotted form, for documentation and reports.
    public static let dotted = "2.25.227684413538665603119869619127039805750"

    /// The type's DER. The UUID arc is 128 bits, more than swift-asn1's identifiers hold, so the type is carried and
    /// compared as its encoding (the tests check it against asn1crypto's encoding of ``dotted``).
    public static let encodedType: [UInt8] = [
        0x06, 0x14, 0x69, 0x82, 0xD6, 0xCA, 0xB6, 0x92, 0xA3, 0x9E, 0xD2, 0x9F, 0xE9, 0x95, 0xA1, 0xEC, 0xD5, 0xB5, 0x83, 0xCF, 0x92, 0x36,
    ]
}
