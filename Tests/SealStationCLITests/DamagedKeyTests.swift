import Foundation
import SealTestSupport
import Testing

/// AES-CBC has no integrity: a key file damaged inside its ciphertext can decrypt to a different valid-looking key.
/// `sign` and `use sign` must refuse such a key (and a valid key of someone else) before anything is signed, consumed
/// or logged.
@Suite("damaged and foreign holder keys are refused by sign and use sign")
struct DamagedKeyTests {
    /// A station with one issued seal and one approved use of it; passphrase files in the directory.
    func issuedSeal() throws -> (TemporaryDirectory, (([String]) throws -> ExternalTool.Result), esID: String) {
        let station = try CLIStationWithSeal()
        try station.directory.write("doc.txt", text: "合同正文")
        return (station.directory, station.call, station.esID)
    }

    /// The key file with one bit flipped at `offset` into its ciphertext (the encryptedData OCTET STRING that ends
    /// the file: 144 bytes for an SM2 PrivateKeyInfo of 138 bytes).
    static func flipped(_ file: [UInt8], ciphertextOffset offset: Int, bit: Int) throws -> [UInt8] {
        let start = file.count - 144
        try #require(Array(file[(start - 3)..<start]) == [0x04, 0x81, 0x90], "the file ends with a 144-byte encryptedData")
        var damaged = file
        damaged[start + offset] ^= UInt8(1 << bit)
        return damaged
    }

    /// Flips that decrypt with valid padding: in ciphertext block 3 (the private scalar decrypts to a different
    /// number beside the stored public point), in block 5 and block 7 (the public point is garbled).
    static let flips: [(offset: Int, bit: Int)] = [(48, 0), (49, 5), (50, 7), (51, 2), (88, 3), (113, 6)]

    @Test("a holder key damaged in its ciphertext, or another valid key, is refused by sign and use sign naming the key file; nothing is consumed or logged")
    func damagedHolderKey() throws {
        let (directory, call, esID) = try issuedSeal()
        let auditor = ["--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let keyPath = directory.path("station/issued/\(esID)/holder-key.p8"), sealPath = directory.path("station/issued/\(esID)/seal.sel")
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: keyPath)))
        // A valid key of someone else, under the holder's passphrase.
        let foreign = try SealStationCLI.run(["keygen", "--out", directory.path("foreign.p8"), "--passphrase-file", directory.path("holder.pass")])
        #expect(foreign.status == 0, "\(foreign.stderr)")
        var keys = try Self.flips.map { ("ciphertext byte \($0.offset) bit \($0.bit)", try Self.flipped(original, ciphertextOffset: $0.offset, bit: $0.bit)) }
        keys.append(("another holder's key", try directory.read("foreign.p8")))

        let useLog = try call(["use", "log", "--json"] + auditor), audit = try Self.withoutReads(call(["audit", "show", "--json"] + auditor))
        #expect(useLog.status == 0, "\(useLog.stderr)")
        for (what, bytes) in keys {
            // use sign with the station's copy replaced by the damaged one.
            try FileManager.default.removeItem(atPath: keyPath)
            #expect(FileManager.default.createFile(atPath: keyPath, contents: Data(bytes), attributes: [.posixPermissions: 0o600]))
            let used = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("use.ses"),
                                 "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
            #expect(used.status != 0, "\(what): \(used.stdout)")
            #expect(used.stderr.contains("the key file \(keyPath) does not belong to holder certificate"), "\(what): \(used.stderr)")
            #expect(used.stderr.contains("damaged or not this holder's key"), "\(what): \(used.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("use.ses")), "\(what)")
            // sign --key with the damaged file beside the seal.
            let damagedPath = try directory.write("damaged.p8", bytes)
            let signed = try SealStationCLI.run(["sign", "--seal", sealPath, "--key", damagedPath, directory.path("doc.txt"),
                                                 "--out", directory.path("doc.ses"), "--passphrase-file", directory.path("holder.pass")])
            #expect(signed.status != 0, "\(what): \(signed.stdout)")
            #expect(signed.stderr.contains("the key file \(damagedPath) does not belong to holder certificate"), "\(what): \(signed.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("doc.ses")), "\(what)")
            try FileManager.default.removeItem(atPath: damagedPath)
            // Nothing consumed, nothing logged: the use log and the audit log are byte for byte as before.
            #expect(try call(["use", "log", "--json"] + auditor).stdout == useLog.stdout, "\(what)")
            #expect(try Self.withoutReads(call(["audit", "show", "--json"] + auditor)) == audit, "\(what)")
        }
        // The undamaged key still has its approved use, and its signature verifies.
        try FileManager.default.removeItem(atPath: keyPath)
        #expect(FileManager.default.createFile(atPath: keyPath, contents: Data(original), attributes: [.posixPermissions: 0o600]))
        let good = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("use.ses"),
                             "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        #expect(good.status == 0, "\(good.stderr)")
        let verified = try SealStationCLI.run(["verify", "--signature", directory.path("use.ses"), directory.path("doc.txt"),
                                               "--ca", directory.path("station/ca")])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(try call(["use", "log", "--json"] + auditor).stdout != useLog.stdout)
    }

    @Test("use sign into a place that cannot take the file is refused before anything is signed: the use stays, nothing is logged")
    func unwritableSignatureFile() throws {
        let (directory, call, _) = try issuedSeal()
        let auditor = ["--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let useLog = try call(["use", "log", "--json"] + auditor), audit = try Self.withoutReads(call(["audit", "show", "--json"] + auditor))
        _ = try directory.write("plain", text: "a regular file, not a directory")
        try FileManager.default.createDirectory(atPath: directory.path("taken.ses"), withIntermediateDirectories: true)
        for (out, message) in [(directory.path("plain/doc.ses"), "not a directory"), (directory.path("taken.ses"), "exists already"),
                               (directory.path("missing/doc.ses"), "does not exist")] {
            let used = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", out,
                                 "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
            #expect(used.status == 1, "\(out): \(used.stdout)")
            #expect(used.stderr.contains(message), "\(out): \(used.stderr)")
            #expect(try call(["use", "log", "--json"] + auditor).stdout == useLog.stdout, "\(out)")
            #expect(try Self.withoutReads(call(["audit", "show", "--json"] + auditor)) == audit, "\(out)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("missing")))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path("."))
        #expect(!names.contains { $0.hasPrefix(".sealstation-staging-") }, "\(names)")
        // The use is still there.
        let good = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("doc.ses"),
                             "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        #expect(good.status == 0, "\(good.stderr)")
    }

    /// The audit records in `audit show --json` output, each re-serialized, without the `registry.read` records that
    /// the signed-in reads made between two looks (reading is audited; nothing else may change).
    static func withoutReads(_ shown: ExternalTool.Result) throws -> [String] {
        #expect(shown.status == 0, "\(shown.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: shown.standardOutput) as? [[String: Any]])
        return try records.filter { $0["action"] as? String != "registry.read" }.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
    }

}
