import SealCrypto

/// The station CA key and the seal-maker key, unlocked for one officer session of issuing. Held only in memory
/// (OpenSSL zeroes the key material when the keys are released).
public struct IssuingKeys: Sendable {
    let caKey: PrivateKey
    let makerKey: PrivateKey
}
