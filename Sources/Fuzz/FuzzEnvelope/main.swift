// libFuzzer harness: encrypted filing bundles (GB/T 35275 EnvelopedData), as `sealfiling verify|import|serve
// --decrypt-key` read them before verification: `BundleEnvelope(derEncoded:maximumContentBytes:)` (the structure,
// versions, algorithms and sizes), then `open(with:certificate:)` with the harness's own recipient key. Each input is
// also read again readdressed to that recipient (every KeyTransRecipientInfo's rid replaced by the harness
// certificate's issuer and serial number), so that its encrypted key and content reach SM2 decryption and SM4-CBC
// unpadding. A decryption that succeeds must give back what `seal` encrypted: inputs are also sealed and reopened.
import Foundation
import FuzzSupport
import SealASN1
import SealBundle
import SealCrypto
import SwiftASN1

enum Fixed {
    static let limit = 1 << 20
    static let recipient: (key: PrivateKey, certificate: Certificate) = {
        do {
            let key = try PrivateKey.generate(.sm2)
            let now = Date()
            let template = CertificateTemplate(
                subject: try DistinguishedName(parsing: "/C=CN/O=Fuzz/CN=recipient"), serialNumber: [0x01, 0x02, 0x03],
                notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(86_400), basicConstraints: .endEntity,
                keyUsage: [.keyEncipherment])
            return (key, try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key))
        } catch {
            Fuzz.fail("cannot make the harness's recipient: \(error)")
        }
    }()

    /// The input's EnvelopedData with every key-transport recipient naming the harness certificate; nil when it is not one.
    static func readdressed(_ bytes: [UInt8]) -> [UInt8]? {
        guard let contentInfo = try? CMS.ContentInfo(derEncoded: try DER.parse(bytes)),
              var envelopedData = try? CMS.EnvelopedData(asn1Any: contentInfo.content)
        else { return nil }
        let certificate = recipient.certificate
        envelopedData.recipientInfos = envelopedData.recipientInfos.map { info in
            guard case .keyTransport(var ktri) = info else { return info }
            ktri.rid = .issuerAndSerialNumber(issuer: certificate.issuerNameDER, serialNumber: certificate.serialNumber)
            return .keyTransport(ktri)
        }
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(CMS.ContentInfo(contentType: contentInfo.contentType, content: try ASN1Any(erasing: envelopedData)))) != nil
        else { return nil }
        return serializer.serializedBytes
    }

    static func open(_ bytes: [UInt8]) -> [UInt8]? {
        guard let envelope = try? BundleEnvelope(derEncoded: bytes, maximumContentBytes: limit) else { return nil }
        _ = envelope.recipients.map(\.description)
        return try? envelope.open(with: recipient.key, certificate: recipient.certificate)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    _ = Fixed.open(bytes)
    if let readdressed = Fixed.readdressed(bytes) { _ = Fixed.open(readdressed) }
    // Any input sealed to the harness's recipient opens to itself.
    if !bytes.isEmpty, bytes.count <= 4096 {
        guard let sealed = try? BundleEnvelope.seal(bytes, for: Fixed.recipient.certificate) else { Fuzz.fail("seal failed") }
        guard Fixed.open(sealed) == bytes else { Fuzz.fail("a sealed input did not open to itself") }
    }
    return 0
}

Fuzz.run(fuzzEnvelope)
