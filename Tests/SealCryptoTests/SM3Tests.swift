import SealCrypto
import Testing

@Suite("SM3 (GB/T 32905-2016)")
struct SM3Tests {
    @Test("example 1: \"abc\"")
    func abc() throws {
        #expect(Hex.encode(try SM3.hash(Array("abc".utf8)))
            == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test("example 2: the 64-byte message \"abcd\" × 16")
    func abcd64() throws {
        let message = Array(String(repeating: "abcd", count: 16).utf8)
        #expect(message.count == 64)
        #expect(Hex.encode(try SM3.hash(message))
            == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    }

    @Test("incremental hashing equals one-shot hashing")
    func incremental() throws {
        let message = try SecureRandom.bytes(count: 10_000)
        var hasher = try DigestAlgorithm.Hasher(.sm3)
        hasher.update(message[..<3333])
        hasher.update(message[3333...])
        #expect(try hasher.finalize() == SM3.hash(message))
    }
}
