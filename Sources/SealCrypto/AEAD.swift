internal import COpenSSL

/// AES-256-GCM authenticated encryption (SM4-GCM is not in OpenSSL 3.0; it arrives with 3.2).
public enum AES256GCM {
    /// Key size in bytes.
    public static let keySize = 32
    /// Nonce size in bytes (96 bits, as GCM recommends).
    public static let nonceSize = 12
    /// Tag size in bytes.
    public static let tagSize = 16

    /// Encrypts `plaintext` under `key` with `nonce`, authenticating `aad` too; returns ciphertext ‖ tag.
    public static func seal(_ plaintext: [UInt8], key: SecretBytes, nonce: [UInt8], aad: [UInt8]) throws -> [UInt8] {
        guard key.count == keySize, nonce.count == nonceSize else {
            throw SealCryptoError.invalidValidity(reason: "AES-256-GCM needs a 32-byte key and a 12-byte nonce")
        }
        try checkLengths(plaintext.count, aad.count)
        guard let context = EVP_CIPHER_CTX_new() else { throw SealCryptoError.openSSLFailure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        try key.withUnsafeBytes { keyBytes in
            try check(EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), nonce),
                      "EVP_EncryptInit_ex")
        }
        var length: Int32 = 0
        if !aad.isEmpty { try check(EVP_EncryptUpdate(context, nil, &length, aad, Int32(aad.count)), "EVP_EncryptUpdate(aad)") }
        var out = [UInt8](repeating: 0, count: plaintext.count + tagSize)
        try check(EVP_EncryptUpdate(context, &out, &length, plaintext, Int32(plaintext.count)), "EVP_EncryptUpdate")
        var final: Int32 = 0
        try out.withUnsafeMutableBufferPointer { buffer in
            try check(EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(length), &final), "EVP_EncryptFinal_ex")
            try check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), buffer.baseAddress! + plaintext.count),
                      "EVP_CTRL_GCM_GET_TAG")
        }
        return out
    }

    /// Decrypts ciphertext ‖ tag; nil when the tag does not verify (wrong key, or any changed byte).
    public static func open(_ sealed: [UInt8], key: SecretBytes, nonce: [UInt8], aad: [UInt8]) throws -> SecretBytes? {
        guard key.count == keySize, nonce.count == nonceSize, sealed.count >= tagSize else { return nil }
        try checkLengths(sealed.count, aad.count)
        guard let context = EVP_CIPHER_CTX_new() else { throw SealCryptoError.openSSLFailure("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        try key.withUnsafeBytes { keyBytes in
            try check(EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), nonce),
                      "EVP_DecryptInit_ex")
        }
        var length: Int32 = 0
        if !aad.isEmpty { try check(EVP_DecryptUpdate(context, nil, &length, aad, Int32(aad.count)), "EVP_DecryptUpdate(aad)") }
        let body = sealed.count - tagSize
        var out = [UInt8](repeating: 0, count: max(body, 1))
        try check(EVP_DecryptUpdate(context, &out, &length, sealed, Int32(body)), "EVP_DecryptUpdate")
        var tag = Array(sealed[body...])
        try check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), &tag), "EVP_CTRL_GCM_SET_TAG")
        var final: Int32 = 0
        let verified = out.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(length), &final)
        }
        ERR_clear_error()
        guard verified == 1 else {
            out.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            return nil
        }
        out.removeLast(out.count - body)
        return SecretBytes(consuming: &out)
    }

    /// OpenSSL takes lengths as 32-bit ints: larger inputs are refused rather than converted with a trap.
    static func checkLengths(_ data: Int, _ aad: Int) throws {
        let limit = Int(Int32.max) - tagSize
        guard data <= limit, aad <= limit else {
            throw SealCryptoError.inputTooLarge(what: "the data to encrypt or decrypt", bytes: max(data, aad), limit: limit)
        }
    }
}
