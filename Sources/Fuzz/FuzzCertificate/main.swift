// libFuzzer harness: X.509 certificate parsing, as every command that takes a certificate file reads it
// (`Certificate(derOrPEM:)`: PEM or DER, then OpenSSL and swift-asn1), with the fields the CLI prints and the
// certificate's own signature checked under its own key (what chain verification does for a self-signed anchor).
import FuzzSupport
import SealCrypto
import SealPKI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let certificate = try? Certificate(derOrPEM: bytes) else { return 0 }
    _ = certificate.subject.description
    _ = certificate.issuer.description
    _ = Hex.encode(certificate.serialNumber)
    _ = (certificate.notBefore, certificate.notAfter, certificate.keyUsage, certificate.pathLengthConstraint)
    _ = (certificate.subjectKeyIdentifier, certificate.authorityKeyIdentifier, certificate.signatureAlgorithm)
    _ = certificate.pemEncoded
    _ = try? certificate.isSignatureValid(under: certificate.publicKey)
    _ = CertificateChainVerifier(trustAnchors: [certificate]).verify(certificate, at: certificate.notBefore).isValid
    return 0
}

Fuzz.run(fuzzCertificate)
