internal import COpenSSL

/// Bytes from OpenSSL's CSPRNG (`RAND_bytes`, seeded from the operating system).
public enum SecureRandom {
    /// `count` cryptographically secure random bytes.
    public static func bytes(count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        try out.withUnsafeMutableBytes { raw in
            try check(RAND_bytes(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count)), "RAND_bytes")
        }
        return out
    }
}
