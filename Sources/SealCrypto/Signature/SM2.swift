/// SM2 constants (GB/T 32918, GM/T 0009).
public enum SM2 {
    /// The distinguishing identifier every SealStation SM2 signature uses, "1234567812345678" (GM/T 0009 §10).
    /// OpenSSL 3.0 defaults to the empty ID, so it is always set explicitly on both sides.
    public static let defaultUserID: [UInt8] = Array("1234567812345678".utf8)

    /// The curve coefficients a, b and the base point (xG, yG) of the SM2 curve (GB/T 32918.5), big-endian.
    static let curveParameters: [UInt8] = Hex.decode(
        "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC"
            + "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"
            + "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"
            + "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")!

    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) for the signer's uncompressed point `04‖xA‖yA` (GB/T 32918.2 §5.5).
    public static func signerIdentityDigest(publicKeyPoint point: [UInt8], userID: [UInt8] = defaultUserID) throws -> [UInt8] {
        guard point.count == 65, point.first == 0x04 else {
            throw SealCryptoError.malformedPublicKey(reason: "an SM2 Z value needs the uncompressed 65-byte point")
        }
        guard userID.count < 8192 else { throw SealCryptoError.malformedPublicKey(reason: "the SM2 user ID is too long") }
        let bits = userID.count * 8
        let entl: [UInt8] = [UInt8(bits >> 8), UInt8(bits & 0xFF)]
        return try SM3.hash(entl + userID + curveParameters + point.dropFirst())
    }

    /// e = SM3(Z ‖ M), the value an SM2 signature signs: what a token's raw SM2 mechanism takes as input.
    public static func signingDigest(
        of message: some Collection<UInt8>, publicKeyPoint point: [UInt8], userID: [UInt8] = defaultUserID
    ) throws -> [UInt8] {
        try SM3.hash(signerIdentityDigest(publicKeyPoint: point, userID: userID) + Array(message))
    }
}
