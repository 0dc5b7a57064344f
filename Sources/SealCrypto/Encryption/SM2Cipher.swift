public import SwiftASN1

// SM2Cipher ::= SEQUENCE {
//     XCoordinate INTEGER,                 -- x of C1
//     YCoordinate INTEGER,                 -- y of C1
//     HASH        OCTET STRING SIZE(32),   -- C3 = SM3(x2 ‖ M ‖ y2)
//     CipherText  OCTET STRING }           -- C2                               GM/T 0009-2012 §7.2
/// An SM2 ciphertext in the ASN.1 form OpenSSL 3's `EVP_PKEY_encrypt` writes (C1, C3, C2 in that order). It is read
/// here before OpenSSL sees it, so that its sizes are checked by the station's rules: coordinates of at most 32 bytes,
/// a 32-byte SM3 hash and a ciphertext of the length the caller expects.
public struct SM2Cipher: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The coordinates of the point C1, big-endian magnitudes as swift-asn1 reads an INTEGER.
    public var xCoordinate: ArraySlice<UInt8>
    public var yCoordinate: ArraySlice<UInt8>
    /// C3, the SM3 hash.
    public var hash: ASN1OctetString
    /// C2, the ciphertext (as long as the plaintext).
    public var cipherText: ASN1OctetString

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let x = try ArraySlice<UInt8>(derEncoded: &nodes)
            let y = try ArraySlice<UInt8>(derEncoded: &nodes)
            let hash = try ASN1OctetString(derEncoded: &nodes)
            let cipherText = try ASN1OctetString(derEncoded: &nodes)
            return SM2Cipher(xCoordinate: x, yCoordinate: y, hash: hash, cipherText: cipherText)
        }
    }

    init(xCoordinate: ArraySlice<UInt8>, yCoordinate: ArraySlice<UInt8>, hash: ASN1OctetString, cipherText: ASN1OctetString) {
        self.xCoordinate = xCoordinate
        self.yCoordinate = yCoordinate
        self.hash = hash
        self.cipherText = cipherText
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(xCoordinate)
            try coder.serialize(yCoordinate)
            try coder.serialize(hash)
            try coder.serialize(cipherText)
        }
    }

    /// Whether the sizes are those of an SM2 ciphertext of `plaintextLength` bytes: each coordinate a positive integer
    /// below 2^256 (at most 32 significant bytes), a 32-byte hash, `plaintextLength` bytes of C2.
    public func hasShape(plaintextLength: Int) -> Bool {
        // swift-asn1 reads an INTEGER as its unsigned magnitude (a leading zero octet dropped; a negative one refused).
        func isCoordinate(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard let first = bytes.first else { return false }
            return bytes.count <= 32 || (bytes.count == 33 && first == 0)
        }
        return isCoordinate(xCoordinate) && isCoordinate(yCoordinate) && hash.bytes.count == 32
            && cipherText.bytes.count == plaintextLength
    }
}
