internal import COpenSSL

/// SM4 in CBC mode with PKCS#7 padding (GB/T 32907, GM/T 0006 `SM4-CBC` 1.2.156.10197.1.104.2), through OpenSSL 3's EVP
/// cipher. Unauthenticated: what it encrypts must carry its own integrity (a filing bundle is signed).
public enum SM4CBC {
    /// Key, IV and block size in bytes.
    public static let keySize = 16
    public static let ivSize = 16
    public static let blockSize = 16

    /// OpenSSL takes lengths as 32-bit ints: the data goes through in pieces of this size.
    static let chunkSize = 1 << 20

    /// Encrypts `plaintext` under `key` with `iv`, padded to whole blocks (PKCS#7: 1 to 16 bytes are added).
    public static func encrypt(_ plaintext: [UInt8], key: SecretBytes, iv: [UInt8]) throws -> [UInt8] {
        guard key.count == keySize, iv.count == ivSize else {
            throw SealCryptoError.invalidValidity(reason: "SM4-CBC needs a 16-byte key and a 16-byte IV")
        }
        return try run(plaintext, key: key, iv: iv, encrypt: true) ?? []
    }

    /// Decrypts and unpads. Returns nil when the ciphertext is not whole blocks or its padding is wrong — which is also
    /// what another key gives, so callers answer both the same way (no padding oracle).
    public static func decrypt(_ ciphertext: [UInt8], key: SecretBytes, iv: [UInt8]) throws -> [UInt8]? {
        guard key.count == keySize, iv.count == ivSize, !ciphertext.isEmpty, ciphertext.count % blockSize == 0 else { return nil }
        return try run(ciphertext, key: key, iv: iv, encrypt: false)
    }

    private static func run(_ input: [UInt8], key: SecretBytes, iv: [UInt8], encrypt: Bool) throws -> [UInt8]? {
        guard input.count <= Int.max - 2 * blockSize else {
            throw SealCryptoError.inputTooLarge(what: "the data to encrypt or decrypt", bytes: input.count, limit: Int.max - 2 * blockSize)
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw SealCryptoError.openSSLFailure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard let cipher = EVP_sm4_cbc() else { throw SealCryptoError.openSSLFailure("EVP_sm4_cbc") }
        try key.withUnsafeBytes { keyBytes in
            try check(EVP_CipherInit_ex(context, cipher, nil, keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), iv, encrypt ? 1 : 0),
                      "EVP_CipherInit_ex(SM4-CBC)")
        }
        var out = [UInt8](repeating: 0, count: input.count + blockSize)
        var written = 0
        let finished: Bool = try out.withUnsafeMutableBufferPointer { output in
            try input.withUnsafeBufferPointer { source in
                var offset = 0
                while offset < source.count {
                    let piece = min(chunkSize, source.count - offset)
                    var length: Int32 = 0
                    try check(EVP_CipherUpdate(context, output.baseAddress! + written, &length, source.baseAddress! + offset, Int32(piece)),
                              "EVP_CipherUpdate(SM4-CBC)")
                    written += Int(length)
                    offset += piece
                }
                var final: Int32 = 0
                let status = EVP_CipherFinal_ex(context, output.baseAddress! + written, &final)
                ERR_clear_error()  // bad padding queues an error that is the answer, not a failure
                written += Int(final)
                return status == 1
            }
        }
        guard finished else {
            if encrypt { throw SealCryptoError.openSSLFailure("EVP_CipherFinal_ex(SM4-CBC)") }
            out.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            return nil
        }
        out.removeLast(out.count - written)
        return out
    }
}
