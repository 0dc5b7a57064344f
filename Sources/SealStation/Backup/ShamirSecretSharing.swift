/// Shamir's secret sharing over GF(256) (the AES field, x⁸ + x⁴ + x³ + x + 1): any `threshold` of `count` shares
/// give the secret back; fewer give nothing about it.
public enum ShamirSecretSharing {
    /// One share: its x coordinate (1…255) and one byte per secret byte.
    public struct Share: Hashable, Sendable {
        public var index: UInt8
        public var bytes: [UInt8]
        public init(index: UInt8, bytes: [UInt8]) {
            self.index = index
            self.bytes = bytes
        }
    }

    private static let tables: (exp: [UInt8], log: [UInt8]) = {
        var exp = [UInt8](repeating: 0, count: 512), log = [UInt8](repeating: 0, count: 256)
        var x: UInt16 = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            log[Int(x)] = UInt8(i)
            // Multiply by the generator 3 = x + 1.
            x ^= x << 1
            if x & 0x100 != 0 { x ^= 0x11b }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return tables.exp[Int(tables.log[Int(a)]) + Int(tables.log[Int(b)])]
    }

    static func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        precondition(b != 0, "division by zero in GF(256)")
        guard a != 0 else { return 0 }
        return tables.exp[(Int(tables.log[Int(a)]) + 255 - Int(tables.log[Int(b)])) % 255]
    }

    /// Splits `secret` into `count` shares, any `threshold` of which recover it; `random` supplies the coefficients.
    public static func split(_ secret: [UInt8], threshold: Int, count: Int, random: (Int) throws -> [UInt8]) throws -> [Share] {
        precondition(threshold >= 2 && threshold <= count && count <= 255, "need 2 ≤ threshold ≤ count ≤ 255")
        var shares = (1...count).map { Share(index: UInt8($0), bytes: []) }
        for byte in secret {
            let coefficients = [byte] + (try random(threshold - 1))
            for index in shares.indices {
                let x = shares[index].index
                // Horner's rule, highest coefficient first.
                var y: UInt8 = 0
                for coefficient in coefficients.reversed() { y = multiply(y, x) ^ coefficient }
                shares[index].bytes.append(y)
            }
        }
        return shares
    }

    /// The secret from shares (Lagrange interpolation at 0). With fewer than the threshold, the result is unrelated
    /// noise; callers detect that with an authenticated check (the backup's AEAD tag).
    public static func combine(_ shares: [Share]) -> [UInt8] {
        guard let length = shares.first?.bytes.count else { return [] }
        return (0..<length).map { position in
            var secret: UInt8 = 0
            for (i, share) in shares.enumerated() {
                var numerator: UInt8 = 1, denominator: UInt8 = 1
                for (j, other) in shares.enumerated() where i != j {
                    numerator = multiply(numerator, other.index)
                    denominator = multiply(denominator, share.index ^ other.index)
                }
                secret ^= multiply(share.bytes[position], divide(numerator, denominator))
            }
            return secret
        }
    }
}
