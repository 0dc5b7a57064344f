internal import COpenSSL
import SwiftASN1

/// SM2 public-key encryption (GM/T 0003.4, SM3 as its hash) through OpenSSL 3's `EVP_PKEY_encrypt`/`EVP_PKEY_decrypt`,
/// whose ciphertext is the ASN.1 ``SM2Cipher`` (C1C3C2, GM/T 0009). It carries short secrets only: a content-encryption key.
public enum SM2Encryption {
    /// The longest secret encrypted or decrypted (a content-encryption key is 16 bytes).
    public static let maximumPlaintextLength = 64

    /// Encrypts `plaintext` (at most ``maximumPlaintextLength`` bytes) to `recipient`, an SM2 public key.
    /// - Throws: `.keyAlgorithmMismatch` for a key that is not SM2; `.inputTooLarge` past the limit.
    public static func encrypt(_ plaintext: SecretBytes, to recipient: PublicKey) throws -> [UInt8] {
        guard recipient.algorithm == .sm2 else {
            throw SealCryptoError.keyAlgorithmMismatch(expected: "SM2 (encryption)", actual: recipient.algorithm.displayName)
        }
        guard plaintext.count <= maximumPlaintextLength, !plaintext.isEmpty else {
            throw SealCryptoError.inputTooLarge(what: "the secret to encrypt with SM2", bytes: plaintext.count, limit: maximumPlaintextLength)
        }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, recipient.backing.pointer, nil) else {
            throw SealCryptoError.openSSLFailure("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try check(EVP_PKEY_encrypt_init(context), "EVP_PKEY_encrypt_init")
        return try plaintext.withUnsafeBytes { input in
            let bytes = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            var length = 0
            try check(EVP_PKEY_encrypt(context, nil, &length, bytes, input.count), "EVP_PKEY_encrypt(size)")
            var out = [UInt8](repeating: 0, count: length)
            try check(EVP_PKEY_encrypt(context, &out, &length, bytes, input.count), "EVP_PKEY_encrypt")
            return Array(out.prefix(length))
        }
    }

    /// Decrypts an ``SM2Cipher`` that must hold exactly `plaintextLength` bytes with `key`. Returns nil when it does not
    /// decrypt (another key, or any byte changed: C3 does not match), so a caller can give one answer for both.
    /// - Throws: `.keyAlgorithmMismatch` for a key that is not SM2; never for the ciphertext's content.
    public static func decrypt(_ ciphertext: [UInt8], with key: PrivateKey, plaintextLength: Int) throws -> SecretBytes? {
        guard key.algorithm == .sm2 else {
            throw SealCryptoError.keyAlgorithmMismatch(expected: "SM2 (encryption)", actual: key.algorithm.displayName)
        }
        guard (1...maximumPlaintextLength).contains(plaintextLength),
              ciphertext.count <= 256,
              let node = try? DER.parse(ciphertext), let cipher = try? SM2Cipher(derEncoded: node),
              cipher.hasShape(plaintextLength: plaintextLength)
        else { return nil }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.backing.pointer, nil) else {
            throw SealCryptoError.openSSLFailure("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try check(EVP_PKEY_decrypt_init(context), "EVP_PKEY_decrypt_init")
        // OpenSSL's SM2 decryption asks for room for the whole ciphertext's length.
        var out = [UInt8](repeating: 0, count: ciphertext.count)
        var length = out.count
        let status = EVP_PKEY_decrypt(context, &out, &length, ciphertext, ciphertext.count)
        ERR_clear_error()  // a ciphertext for another key queues errors that are not failures of the call
        guard status == 1, length == plaintextLength else {
            out.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            return nil
        }
        out.removeLast(out.count - length)
        return SecretBytes(consuming: &out)
    }
}
