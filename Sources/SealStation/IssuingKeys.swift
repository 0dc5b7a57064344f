import SealCrypto

/// The station CA key and the seal-maker key (in memory, or on its token), unlocked for one officer session of
/// issuing. OpenSSL zeroes software key material when the keys are released.
public struct IssuingKeys {
    let caKey: PrivateKey
    let makerKey: any MessageSigner
}
