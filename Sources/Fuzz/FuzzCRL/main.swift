// libFuzzer harness: X.509 CRLs, as every verifier that takes `--crl FILE` and the bundle reader read one
// (`CertificateRevocationList(derOrPEM:)`: PEM or DER, swift-asn1, the issuer name through OpenSSL), then what a
// revocation check asks of it: the fields a report prints, entry lookups by serial number (listed ones, a certificate's,
// one with leading zeros, one not listed), whether it names the trust anchor as its issuer, its signature under the
// anchor's key (Scripts/fuzz seeds CRLs signed by that anchor, so the whole SM2 check runs), staleness, and PEM out.
import FuzzSupport
import SealCrypto

enum Fixed {
    /// The issuer every seed CRL names: the demo station's CA (SEALSTATION_FUZZ_ANCHOR).
    static let anchor = Fuzz.certificate(fromEnvironment: "SEALSTATION_FUZZ_ANCHOR")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCRL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let crl = try? CertificateRevocationList(derOrPEM: bytes) else { return 0 }
    _ = crl.issuer.description
    _ = (crl.version, crl.thisUpdate, crl.nextUpdate, crl.number, crl.numberValue, crl.authorityKeyIdentifier)
    _ = (crl.signatureAlgorithm, crl.signatureAlgorithmOID, crl.unhandledCriticalExtensions, crl.fingerprint)
    for entry in crl.entries.prefix(64) {
        guard crl.entry(forSerialNumber: entry.serialNumber) == entry, crl.entry(forSerialNumber: [0] + entry.serialNumber) == entry else {
            Fuzz.fail("a listed serial number \(Hex.encode(entry.serialNumber)) is not found by its lookup")
        }
        _ = (entry.reason?.name, entry.reason?.chineseName, entry.reason?.isCompromise, entry.effectiveDate)
    }
    _ = crl.entry(forSerialNumber: [])
    _ = crl.entry(forSerialNumber: [0])
    _ = crl.entry(for: Fixed.anchor)
    _ = crl.isIssued(byNameOf: Fixed.anchor)
    _ = try? crl.isSignatureValid(under: Fixed.anchor.publicKey)
    _ = (crl.toBeSignedBytes.count, crl.signatureValue.count)
    _ = crl.isStale(at: crl.thisUpdate)
    _ = crl.pemEncoded
    return 0
}

Fuzz.run(fuzzCRL)
