import SealCrypto
import SealTestSupport
import Testing

@Suite("SubjectPublicKeyInfo import and export")
struct PublicKeyTests {
    @Test("SPKI round trip and the openssl CLI reads our SPKI", arguments: KeyAlgorithm.allCases)
    func roundTrip(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm).publicKey
        #expect(key.derEncoded.count == 91)
        let reparsed = try PublicKey(derEncoded: key.derEncoded)
        #expect(reparsed == key)
        #expect(try PublicKey(derOrPEM: Array(key.pemEncoded.utf8)) == key)
        #expect(try PublicKey(rawPoint: key.rawPoint, algorithm: algorithm) == key)
        #expect(try PublicKey(rawPoint: Array(key.rawPoint.dropFirst()), algorithm: algorithm) == key)
        let directory = try TemporaryDirectory()
        try directory.write("pub.der", key.derEncoded)
        let text = try ExternalTool.run("openssl", ["pkey", "-pubin", "-inform", "DER", "-in", directory.path("pub.der"), "-text", "-noout"])
        #expect(text.succeeded)
        #expect(text.stdout.contains(algorithm == .sm2 ? "SM2" : "prime256v1"))
    }

    @Test("malformed SPKI bytes are refused, naming the problem")
    func malformed() throws {
        let key = try PrivateKey.generate(.sm2).publicKey
        #expect(throws: SealCryptoError.self) { try PublicKey(derEncoded: Array(key.derEncoded.dropLast())) }
        #expect(throws: SealCryptoError.self) { try PublicKey(derEncoded: key.derEncoded + [0]) }
        var offCurve = key.rawPoint
        offCurve[40] ^= 0xff
        #expect(throws: SealCryptoError.self) { try PublicKey(rawPoint: offCurve, algorithm: .sm2) }
        do {
            _ = try PublicKey(derEncoded: Array("not a key".utf8))
            Issue.record("expected an error")
        } catch let error as SealCryptoError {
            #expect("\(error)".contains("malformed public key"))
        }
    }
}
