import Foundation
import SealCrypto
import SealTestSupport
import Testing

@Suite("SM2 and ECDSA P-256 signatures")
struct SM2SignatureTests {
    // GB/T 32918.5-2017 Annex A (= GM/T 0003.5-2012 A.2): the recommended curve, ID 1234567812345678,
    // d = 3945208F…C5B8, message "message digest".
    static let examplePublicKey =
        "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
        + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
    static let exampleR = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    static let exampleS = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"

    func exampleSignature() throws -> [UInt8] {
        try ECDSASignatureValue(r: Hex.decode(Self.exampleR)!, s: Hex.decode(Self.exampleS)!).derEncoded()
    }

    @Test("the published GB/T 32918.5 example signature verifies")
    func publishedExampleVerifies() throws {
        let key = try PublicKey(rawPoint: Hex.decode(Self.examplePublicKey)!, algorithm: .sm2)
        #expect(key.algorithm == .sm2)
        #expect(try key.isValidSignature(exampleSignature(), for: Array("message digest".utf8)))
    }

    @Test("a flipped bit in the signature, message or ID makes the example fail")
    func publishedExampleFlippedBitFails() throws {
        let key = try PublicKey(rawPoint: Hex.decode(Self.examplePublicKey)!, algorithm: .sm2)
        let message = Array("message digest".utf8)
        var signature = try exampleSignature()
        signature[signature.count - 1] ^= 0x01
        #expect(try !key.isValidSignature(signature, for: message))
        var flippedMessage = message
        flippedMessage[0] ^= 0x01
        #expect(try !key.isValidSignature(exampleSignature(), for: flippedMessage))
        // OpenSSL 3.0's default (empty) ID must not verify: the ID is part of what is signed.
        #expect(try !key.isValidSignature(exampleSignature(), for: message, userID: []))
    }

    @Test("sign and verify round trip", arguments: KeyAlgorithm.allCases)
    func roundTrip(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let message = Array("电子印章 SealStation".utf8)
        let signature = try key.signature(for: message)
        #expect(try key.publicKey.isValidSignature(signature, for: message))
        #expect(try !key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(try !PrivateKey.generate(algorithm).publicKey.isValidSignature(signature, for: message))
        // Canonical DER SEQUENCE{r, s} that survives the raw r‖s round trip.
        let value = try ECDSASignatureValue(derEncoded: signature)
        let raw = try value.rawConcatenated()
        #expect(raw.count == 64)
        #expect(try ECDSASignatureValue(rawConcatenated: raw).derEncoded() == signature)
    }

    @Test("our SM2 signature verifies with openssl dgst -sm3 -sigopt distid:1234567812345678")
    func opensslVerifiesOurs() throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(.sm2)
        try directory.write("msg.bin", Array("合同专用章 sample document".utf8))
        let signature = try key.signature(for: try directory.read("msg.bin"))
        try directory.write("sig.der", signature)
        try directory.write("pub.pem", text: key.publicKey.pemEncoded)
        let verified = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-verify", directory.path("pub.pem"), "-sigopt", "distid:1234567812345678",
            "-signature", directory.path("sig.der"), directory.path("msg.bin"),
        ])
        #expect(verified.succeeded, "openssl: \(verified.stdout) \(verified.stderr)")
        #expect(verified.stdout.contains("Verified OK"))
        // Without the ID, OpenSSL 3.0 uses the empty ID and must refuse it.
        let withoutID = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-verify", directory.path("pub.pem"),
            "-signature", directory.path("sig.der"), directory.path("msg.bin"),
        ])
        #expect(!withoutID.succeeded)
    }

    @Test("an SM2 signature made by the openssl CLI verifies in our code")
    func oursVerifiesOpenSSL() throws {
        let directory = try TemporaryDirectory()
        try ExternalTool.run("openssl", ["genpkey", "-algorithm", "SM2", "-out", directory.path("key.pem")])
        try directory.write("msg.bin", text: "财务专用章 document from the CLI")
        let signed = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-sign", directory.path("key.pem"), "-sigopt", "distid:1234567812345678",
            "-out", directory.path("sig.der"), directory.path("msg.bin"),
        ])
        #expect(signed.succeeded, "\(signed.stderr)")
        try ExternalTool.run("openssl", [
            "pkey", "-in", directory.path("key.pem"), "-pubout", "-outform", "DER", "-out", directory.path("pub.der"),
        ])
        let key = try PublicKey(derEncoded: directory.read("pub.der"))
        #expect(key.algorithm == .sm2)
        #expect(try key.isValidSignature(directory.read("sig.der"), for: directory.read("msg.bin")))
        #expect(try !key.isValidSignature(directory.read("sig.der"), for: directory.read("msg.bin"), userID: []))
    }

    @Test("our ECDSA P-256 signature verifies with openssl dgst -sha256")
    func opensslVerifiesP256() throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(.p256)
        try directory.write("msg.bin", text: "token without SM2")
        try directory.write("sig.der", try key.signature(for: directory.read("msg.bin")))
        try directory.write("pub.der", key.publicKey.derEncoded)
        let verified = try ExternalTool.run("openssl", [
            "dgst", "-sha256", "-verify", directory.path("pub.der"), "-keyform", "DER",
            "-signature", directory.path("sig.der"), directory.path("msg.bin"),
        ])
        #expect(verified.succeeded, "\(verified.stderr)")
    }

    @Test("a raw r‖s of the wrong size is refused with a clear error")
    func rawSignatureWrongSize() {
        #expect(throws: SealCryptoError.invalidSignatureEncoding(reason: "raw r‖s must be 64 bytes, got 63")) {
            try ECDSASignatureValue(rawConcatenated: [UInt8](repeating: 1, count: 63))
        }
    }
}
