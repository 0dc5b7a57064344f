public import SealCrypto
import SealASN1
import SwiftASN1

/// A filing bundle encrypted to its receiving authority: a GB/T 35275 ContentInfo of type envelopedData
/// (1.2.156.10197.6.1.4.2.3) whose EnvelopedData (RFC 5652 §6) has one KeyTransRecipientInfo naming the recipient's SM2
/// certificate by issuer and serial number, the 16-byte SM4 content-encryption key SM2-encrypted to it
/// (1.2.156.10197.1.301.3, SM2Cipher C1C3C2), and the bundle's ZIP as content of type data (1.2.156.10197.6.1.4.2.1)
/// encrypted with SM4-CBC (1.2.156.10197.1.104.2, the IV as its OCTET STRING parameter, PKCS#7 padding).
///
/// The envelope has no integrity of its own: the bundle inside is signed and in canonical form, so a changed byte of
/// the encrypted file either does not decrypt or yields a bundle its verification refuses.
public struct BundleEnvelope: Sendable {
    /// The file name extension of an encrypted bundle: `filing-…-000001.zip.p7e`.
    public static let fileExtension = "p7e"

    /// The most recipients read (each one is compared; a bundle is encrypted for one authority).
    public static let maximumRecipients = 16
    /// The most bytes of an EnvelopedData beyond its content (recipients, algorithms, headers).
    static let overheadLimit = 64 << 10

    /// The recipients, as the envelope names them.
    public let recipients: [EnvelopeRecipient]
    let keyTransport: [CMS.KeyTransRecipientInfo]
    let iv: [UInt8]
    let encryptedContent: ArraySlice<UInt8>

    /// Whether `bytes` start like a DER SEQUENCE that is not a ZIP archive (a ZIP starts "PK"): worth reading as an envelope.
    public static func looksEnveloped(_ bytes: some Collection<UInt8>) -> Bool { bytes.first == 0x30 }

    /// Reads and checks the structure of an encrypted bundle of at most `maximumContentBytes` bytes of content,
    /// without decrypting anything.
    /// - Throws: `BundleEnvelopeError` naming what is not as SealStation writes it.
    public init(derEncoded bytes: [UInt8], maximumContentBytes: Int) throws {
        let limit = maximumContentBytes > Int.max - Self.overheadLimit ? Int.max : maximumContentBytes + Self.overheadLimit
        guard bytes.count <= limit else { throw BundleEnvelopeError.tooLarge(bytes: bytes.count, limit: limit) }
        let envelopedData: CMS.EnvelopedData
        do {
            // ContentInfo read in one pass (CMS.ContentInfo keeps its content as ASN1Any, which a bundle-sized content
            // would have parsed twice).
            envelopedData = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                let contentType = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard contentType == GBT35275.envelopedData else {
                    throw BundleEnvelopeError.unsupported(what: "the content type", value: contentType.description)
                }
                return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { try CMS.EnvelopedData(derEncoded: $0) }
            }
        } catch let error as BundleEnvelopeError {
            throw error
        } catch {
            throw BundleEnvelopeError.notEnveloped(reason: "not DER of a ContentInfo with an EnvelopedData (\(error))")
        }
        guard envelopedData.version == 0 else {
            throw BundleEnvelopeError.unsupported(what: "EnvelopedData version", value: String(envelopedData.version))
        }
        guard envelopedData.originatorInfo == nil else { throw BundleEnvelopeError.unsupported(what: "the field", value: "originatorInfo") }
        guard envelopedData.unprotectedAttributes == nil else {
            throw BundleEnvelopeError.unsupported(what: "the field", value: "unprotectedAttrs")
        }
        guard envelopedData.recipientInfos.count <= Self.maximumRecipients else {
            throw BundleEnvelopeError.unsupported(what: "a recipient count of", value: "\(envelopedData.recipientInfos.count) (at most \(Self.maximumRecipients))")
        }
        var keyTransport: [CMS.KeyTransRecipientInfo] = []
        var recipients: [EnvelopeRecipient] = []
        for info in envelopedData.recipientInfos {
            guard case .keyTransport(let ktri) = info else { throw BundleEnvelopeError.unsupported(what: "the recipient kind", value: info.kindName) }
            guard ktri.version == 0, case .issuerAndSerialNumber(let issuer, let serial) = ktri.rid else {
                throw BundleEnvelopeError.unsupported(
                    what: "a KeyTransRecipientInfo", value: "of version \(ktri.version) (version 0, naming issuer and serial number, is read)")
            }
            guard ktri.keyEncryptionAlgorithm.algorithm == GBT35275.sm2Encryption, ktri.keyEncryptionAlgorithm.hasNoParameters else {
                throw BundleEnvelopeError.unsupported(
                    what: "the key encryption algorithm", value: "\(ktri.keyEncryptionAlgorithm.algorithm) (SM2 encryption 1.2.156.10197.1.301.3 is read)")
            }
            keyTransport.append(ktri)
            recipients.append(EnvelopeRecipient(issuerDER: issuer, serialNumber: serial))
        }
        let content = envelopedData.encryptedContentInfo
        guard content.contentType == GBT35275.data else {
            throw BundleEnvelopeError.unsupported(what: "the encrypted content type", value: "\(content.contentType) (data 1.2.156.10197.6.1.4.2.1 is read)")
        }
        guard content.contentEncryptionAlgorithm.algorithm == GBT35275.sm4CBC else {
            throw BundleEnvelopeError.unsupported(
                what: "the content encryption algorithm", value: "\(content.contentEncryptionAlgorithm.algorithm) (SM4-CBC 1.2.156.10197.1.104.2 is read)")
        }
        guard let parameters = content.contentEncryptionAlgorithm.parameters,
              let iv = try? ASN1OctetString(asn1Any: parameters), iv.bytes.count == SM4CBC.ivSize
        else { throw BundleEnvelopeError.malformed("the SM4-CBC parameter is not a 16-byte IV (OCTET STRING)") }
        guard let encrypted = content.encryptedContent?.bytes else {
            throw BundleEnvelopeError.malformed("the encrypted content is absent (a detached content is not read)")
        }
        guard !encrypted.isEmpty, encrypted.count % SM4CBC.blockSize == 0 else {
            throw BundleEnvelopeError.malformed("the encrypted content is \(encrypted.count) bytes, not whole 16-byte SM4 blocks")
        }
        guard encrypted.count <= maximumContentBytes + SM4CBC.blockSize else {
            throw BundleEnvelopeError.contentTooLarge(bytes: encrypted.count, limit: maximumContentBytes)
        }
        self.keyTransport = keyTransport
        self.recipients = recipients
        self.iv = Array(iv.bytes)
        self.encryptedContent = encrypted
    }

    /// Encrypts `bundle` (the ZIP) to `recipient`, an SM2 certificate, with a fresh SM4 key and IV.
    /// - Throws: `.recipientNotSM2` for a certificate with another key, `.recipientNotForEncryption` for one whose key
    ///   usage leaves out keyEncipherment.
    public static func seal(_ bundle: [UInt8], for recipient: Certificate) throws -> [UInt8] {
        try checkRecipient(recipient)
        var keyBytes = try SecureRandom.bytes(count: SM4CBC.keySize)
        let key = SecretBytes(consuming: &keyBytes)
        let iv = try SecureRandom.bytes(count: SM4CBC.ivSize)
        let encryptedKey = try SM2Encryption.encrypt(key, to: recipient.publicKey)
        let encrypted = try SM4CBC.encrypt(bundle, key: key, iv: iv)
        let ktri = CMS.KeyTransRecipientInfo(
            // swift-asn1 writes the magnitude as a minimal positive INTEGER (a zero octet before a high bit).
            rid: .issuerAndSerialNumber(issuer: recipient.issuerNameDER, serialNumber: EnvelopeRecipient.unsigned(recipient.serialNumber)),
            keyEncryptionAlgorithm: CMS.AlgorithmIdentifier(GBT35275.sm2Encryption), encryptedKey: encryptedKey)
        let envelopedData = CMS.EnvelopedData(
            recipientInfos: [.keyTransport(ktri)],
            encryptedContentInfo: CMS.EncryptedContentInfo(
                contentType: GBT35275.data,
                contentEncryptionAlgorithm: CMS.AlgorithmIdentifier(GBT35275.sm4CBC, parameters: try ASN1Any(erasing: ASN1OctetString(contentBytes: iv[...]))),
                encryptedContent: ASN1OctetString(contentBytes: encrypted[...])))
        // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT } written in one pass (see init(derEncoded:)).
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(GBT35275.envelopedData)
            try coder.serialize(envelopedData, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
        }
        return serializer.serializedBytes
    }

    /// Throws unless `recipient` can receive an encrypted bundle: an SM2 key, and keyEncipherment if it has a keyUsage.
    public static func checkRecipient(_ recipient: Certificate) throws {
        guard recipient.publicKey.algorithm == .sm2 else {
            throw BundleEnvelopeError.recipientNotSM2(recipient.publicKey.algorithm.displayName)
        }
        if let usage = recipient.keyUsage, !usage.contains(.keyEncipherment) {
            throw BundleEnvelopeError.recipientNotForEncryption(EnvelopeRecipient(certificate: recipient))
        }
    }

    /// Decrypts the bundle with `key`, the private key of `certificate`, after checking that the envelope is for that
    /// certificate and that the key is its key (a key is checked against its public key before any use).
    /// - Throws: `.notForRecipient`, `.keyDoesNotMatchCertificate`, `.recipientNotSM2`, and `.cannotDecrypt` for a wrong
    ///   key, a changed encrypted key and a bad padding alike.
    public func open(with key: PrivateKey, certificate: Certificate) throws -> [UInt8] {
        let given = EnvelopeRecipient(certificate: certificate)
        guard certificate.publicKey.algorithm == .sm2 else { throw BundleEnvelopeError.recipientNotSM2(certificate.publicKey.algorithm.displayName) }
        let serial = EnvelopeRecipient.unsigned(certificate.serialNumber)
        guard let ktri = keyTransport.first(where: {
            guard case .issuerAndSerialNumber(let issuer, let number) = $0.rid else { return false }
            return issuer == certificate.issuerNameDER && EnvelopeRecipient.unsigned(number) == serial
        }) else { throw BundleEnvelopeError.notForRecipient(recipients: recipients, given: given) }
        do {
            try key.checkBelongs(to: certificate.publicKey)
        } catch {
            throw BundleEnvelopeError.keyDoesNotMatchCertificate(given)
        }
        guard let contentKey = try SM2Encryption.decrypt(Array(ktri.encryptedKey.bytes), with: key, plaintextLength: SM4CBC.keySize),
              let bundle = try SM4CBC.decrypt(Array(encryptedContent), key: contentKey, iv: iv)
        else { throw BundleEnvelopeError.cannotDecrypt(given) }
        return bundle
    }
}
