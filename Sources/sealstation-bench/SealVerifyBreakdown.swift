import Foundation
import SealCrypto
import SealPKI
import SealSES

/// Where one seal verification's CPU time goes, each part measured in the same process in alternating batches (so
/// a change of load affects every part alike): the whole verification, the verification of a seal parsed beforehand,
/// the DER parse, the maker's SM2 verification over the exact signed bytes (SES_SealInfo with its picture), the SM3
/// of those bytes alone, and an SM2 verification of a 20-byte message through our wrapper (what `openssl speed sm2`
/// verifies).
struct SealVerifyBreakdown: Encodable {
    /// Bytes the maker signed (SES_SealInfo with the picture).
    var signedBytes: Int
    /// Microseconds of CPU time per operation: the benchmark's whole verification (parse and verify).
    var wholeMicroseconds: Double
    /// The verification of a seal parsed beforehand.
    var parsedSealMicroseconds: Double
    /// The DER parse alone.
    var parseMicroseconds: Double
    /// Our SM2 verification of the maker's signature over the signed bytes.
    var makerSignatureMicroseconds: Double
    /// SM3 of the signed bytes alone.
    var sm3OfSignedBytesMicroseconds: Double
    /// Our SM2 verification of a 20-byte message.
    var shortMessageVerifyMicroseconds: Double

    static func measure(
        seal: ElectronicSeal, verifier: SealVerifier, makerKey: PrivateKey, at time: Date, seconds: Double
    ) throws -> SealVerifyBreakdown {
        let signed = seal.signedMessage()
        let signedSignature = try makerKey.signature(for: signed)
        let short = try SecureRandom.bytes(count: 20)
        let shortSignature = try makerKey.signature(for: short)
        let key = makerKey.publicKey
        let parts: [() throws -> Void] = [
            {
                let parsed = try ElectronicSeal(derEncoded: seal.derEncoded)
                guard verifier.verify(parsed, at: time).isValid else { throw BenchError.verifyFailed }
            },
            { guard verifier.verify(seal, at: time).isValid else { throw BenchError.verifyFailed } },
            { _ = try ElectronicSeal(derEncoded: seal.derEncoded) },
            { guard try key.isValidSignature(signedSignature, for: signed) else { throw BenchError.verifyFailed } },
            { _ = try SM3.hash(signed) },
            { guard try key.isValidSignature(shortSignature, for: short) else { throw BenchError.verifyFailed } },
        ]
        let spent = try Measure.alternating(for: seconds * Double(parts.count), parts)
        let micro = spent.map { $0.cpuSeconds / Double($0.count) * 1e6 }
        return SealVerifyBreakdown(
            signedBytes: signed.count, wholeMicroseconds: micro[0], parsedSealMicroseconds: micro[1],
            parseMicroseconds: micro[2], makerSignatureMicroseconds: micro[3], sm3OfSignedBytesMicroseconds: micro[4],
            shortMessageVerifyMicroseconds: micro[5])
    }

    /// The breakdown as lines, with `openssl speed`'s verification time for comparison.
    func lines(referenceVerifyPerSecond: Double) -> [String] {
        let reference = 1e6 / referenceVerifyPerSecond
        func line(_ label: String, _ value: Double) -> String {
            label.padding(toLength: 64, withPad: " ", startingAt: 0) + String(format: "%7.1f µs  %5.1f %%", value, value / wholeMicroseconds * 100)
        }
        return [
            "where a seal verification with a 4 KiB picture goes (CPU time, parts measured alternately):",
            line("  whole verification (parse + every check + report)", wholeMicroseconds),
            line("  maker's SM2 signature over the \(signedBytes) signed bytes", makerSignatureMicroseconds),
            line("    of which SM3 of those bytes (openssl speed hashes 20)", sm3OfSignedBytesMicroseconds),
            line("  chain (cached signatures), validity, picture, holders, report", max(0, parsedSealMicroseconds - makerSignatureMicroseconds)),
            line("  parsing the seal, in the whole (\(String(format: "%.1f", parseMicroseconds)) µs alone)", max(0, wholeMicroseconds - parsedSealMicroseconds)),
            line("  our SM2 verify of 20 bytes (what openssl speed verifies)", shortMessageVerifyMicroseconds),
            line("  openssl speed sm2 verify (reference, another process)", reference),
            String(format: "  ratio of our 20-byte verify to the whole verification: %.3f", shortMessageVerifyMicroseconds / wholeMicroseconds),
        ]
    }
}
