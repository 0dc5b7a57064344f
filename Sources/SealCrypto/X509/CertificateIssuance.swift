internal import COpenSSL
import Foundation

extension Certificate {
    /// Issues a v3 certificate for `subjectKey` from `template`, signed by `issuerKey` (SM2 with SM3 and the ID
    /// 1234567812345678, or ECDSA with SHA-256). `issuer` nil makes a self-signed certificate.
    /// Extensions: basicConstraints (critical), keyUsage (critical), subjectKeyIdentifier, authorityKeyIdentifier.
    /// - Throws: `.invalidValidity`, `.invalidSerialNumber`, `.invalidDistinguishedName`,
    ///   `.issuerKeyDoesNotMatchIssuerCertificate`, `.signatureDoesNotVerify`, `.openSSL`.
    public static func issue(
        _ template: CertificateTemplate, subjectKey: PublicKey, issuer: Certificate?, issuerKey: PrivateKey
    ) throws -> Certificate {
        guard template.notBefore < template.notAfter else {
            throw SealCryptoError.invalidValidity(reason: "notBefore \(template.notBefore) is not before notAfter \(template.notAfter)")
        }
        guard !template.serialNumber.isEmpty, template.serialNumber.count <= 20, template.serialNumber[0] & 0x80 == 0,
              template.serialNumber.contains(where: { $0 != 0 })
        else { throw SealCryptoError.invalidSerialNumber(byteCount: template.serialNumber.count) }
        if let issuer, issuer.publicKey != issuerKey.publicKey {
            throw SealCryptoError.issuerKeyDoesNotMatchIssuerCertificate
        }
        guard let x509 = X509_new() else { throw SealCryptoError.openSSLFailure("X509_new") }
        let handle = X509Handle(takingOwnershipOf: x509)
        try check(X509_set_version(x509, 2), "X509_set_version")

        guard let serial = BN_bin2bn(template.serialNumber, Int32(template.serialNumber.count), nil) else {
            throw SealCryptoError.openSSLFailure("BN_bin2bn")
        }
        defer { BN_free(serial) }
        guard BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x509)) != nil else {
            throw SealCryptoError.openSSLFailure("BN_to_ASN1_INTEGER")
        }
        guard ASN1_TIME_set(X509_getm_notBefore(x509), time_t(template.notBefore.timeIntervalSince1970)) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), time_t(template.notAfter.timeIntervalSince1970)) != nil
        else { throw SealCryptoError.openSSLFailure("ASN1_TIME_set") }

        let subjectName = try X509Values.makeName(template.subject)
        defer { X509_NAME_free(subjectName) }
        try check(X509_set_subject_name(x509, subjectName), "X509_set_subject_name")
        try check(
            X509_set_issuer_name(x509, issuer.map { X509_get_subject_name($0.handle.pointer) } ?? subjectName),
            "X509_set_issuer_name")
        try check(X509_set_pubkey(x509, subjectKey.backing.pointer), "X509_set_pubkey")

        let basicConstraints: String
        switch template.basicConstraints {
        case .certificateAuthority(let pathLength):
            basicConstraints = "critical,CA:TRUE" + (pathLength.map { ",pathlen:\($0)" } ?? "")
        case .endEntity:
            basicConstraints = "critical,CA:FALSE"
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.handle.pointer ?? x509, x509, nil, nil, 0)
        // SKI before AKI: a self-signed certificate's AKI is taken from its own SKI.
        for (nid, value) in [
            (NID_basic_constraints, basicConstraints),
            (NID_key_usage, "critical," + template.keyUsage.openSSLConfigValue),
            (NID_subject_key_identifier, "hash"),
            (NID_authority_key_identifier, "keyid:always"),
        ] {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw SealCryptoError.openSSLFailure("X509V3_EXT_conf_nid(\(value))")
            }
            defer { X509_EXTENSION_free(ext) }
            try check(X509_add_ext(x509, ext, -1), "X509_add_ext")
        }

        try issuerKey.backing.withDigestContext(userID: SM2.defaultUserID, verify: false) { context in
            guard X509_sign_ctx(x509, context) > 0 else { throw SealCryptoError.openSSLFailure("X509_sign_ctx") }
        }
        let der = try derEncode("i2d_X509") { i2d_X509(handle.pointer, $0) }
        let certificate = try Certificate(derEncoded: der)
        // Checked with the issuer's public key as a verifier will, over the bytes returned.
        guard try certificate.isSignatureValid(under: issuer?.publicKey ?? issuerKey.publicKey) else {
            throw SealCryptoError.signatureDoesNotVerify(made: "the certificate signature for \(certificate.subject)")
        }
        return certificate
    }
}
