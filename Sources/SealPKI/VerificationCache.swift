import Foundation
public import SealCrypto

/// What a long-lived verifier learns once and reuses: certificates already parsed (keyed by their DER) and
/// certificate signatures that verified (keyed by the SM3 fingerprints of the certificate and its issuer).
/// A verifier checking many seals from one maker parses the maker certificate and checks its chain signatures once;
/// validity times and policy are still checked on every verification, and bad signatures are never remembered.
/// OpenSSL 3.0 spends about half an SM2 verification decoding a certificate, so this is most of a seal check.
/// Thread-safe; bounded (emptied when full).
public final class VerificationCache: @unchecked Sendable {
    /// Bytes as a hash key, hashed in one call: `[UInt8]`'s own `hash(into:)` feeds the hasher one byte at a time,
    /// which made looking up a 500-byte certificate cost more than the rest of a seal's checks together.
    private struct BytesKey: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private struct Link: Hashable {
        let certificate: BytesKey
        let issuer: BytesKey
    }

    private let lock = NSLock()
    private var verified: Set<Link> = []
    private var certificates: [BytesKey: Certificate] = [:]
    private let capacity: Int

    /// A cache holding at most `capacity` certificates and as many verified links.
    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The certificate for `der`, parsed once.
    public func certificate(_ der: [UInt8]) throws -> Certificate {
        let key = BytesKey(bytes: der)
        if let cached = lock.withLock({ certificates[key] }) { return cached }
        let certificate = try Certificate(derEncoded: der)
        lock.withLock {
            if certificates.count >= capacity { certificates.removeAll(keepingCapacity: true) }
            certificates[key] = certificate
        }
        return certificate
    }

    /// Whether `certificate`'s signature under `issuer`'s key is valid, from the cache or by verifying it.
    func isSignatureValid(of certificate: Certificate, issuedBy issuer: Certificate, userID: [UInt8]) throws -> Bool {
        let link = Link(certificate: BytesKey(bytes: certificate.fingerprint), issuer: BytesKey(bytes: issuer.fingerprint))
        if lock.withLock({ verified.contains(link) }) { return true }
        guard try certificate.isSignatureValid(under: issuer.publicKey, userID: userID) else { return false }
        lock.withLock {
            if verified.count >= capacity { verified.removeAll(keepingCapacity: true) }
            verified.insert(link)
        }
        return true
    }
}
