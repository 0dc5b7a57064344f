// libFuzzer harness: encrypted PKCS#8 key files, as `sign`, `csr`, `cert issue` and `seal make` read a key file:
// `KeyFileProtection(keyFile:)` (what `keygen`/`show` describe) and `PrivateKey(encryptedPKCS8:passphrase:)` with a
// fixed passphrase, then the key's public key and a signature with it (what signing does next).
//
// Cost bound of the harness, not of the station: the decryption runs only for PBKDF2 with at most
// `Fixed.harnessIterationLimit` iterations, so that each input stays well under the per-input timeout (station key files
// use 600,000; Scripts/fuzz makes seed keys with low counts). Every input still goes through the parsing and
// classification, and the station's own iteration bound is checked by the unit tests.
import FuzzSupport
import SealCrypto

enum Fixed {
    static let passphrase = SecretBytes(utf8: "fuzz-passphrase")
    static let harnessIterationLimit = 4096
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPKCS8(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let protection = try? KeyFileProtection(keyFile: bytes) else { return 0 }
    _ = (protection.scheme, protection.keyDerivation, protection.cipher)
    guard protection.keyDerivation.hasPrefix("PBKDF2"), let iterations = protection.iterations,
          iterations <= Fixed.harnessIterationLimit else { return 0 }
    guard let key = try? PrivateKey(encryptedPKCS8: bytes, passphrase: Fixed.passphrase) else { return 0 }
    _ = key.algorithm
    _ = key.publicKey.derEncoded
    _ = try? key.signature(for: Array("message".utf8))
    return 0
}

Fuzz.run(fuzzPKCS8)
