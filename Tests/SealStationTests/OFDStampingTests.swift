import Foundation
import SealCrypto
import SealDocument
import SealFonts
import SealOFD
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

/// 签章 on OFD through the station's use gate: one stamp, one approved use, one log row written with the document;
/// a refused stamp writes nothing and logs nothing.
@Suite("Station: stamping OFD documents through the use gate")
struct OFDStampingTests {
    static let signingTime = OfficeFixture.now.addingTimeInterval(120)
    static let holder = OfficeFixture.secret("holder passphrase")

    /// A 3-page contract made by `ofd from-text`.
    static func contract() throws -> [UInt8] {
        try OFDTextDocument(
            text: Array("采购合同\n\n甲方：北京某某科技发展有限公司\n\u{0C}第二页\n\u{0C}乙方（盖章）：\n\n二〇二六年十二月一日\n".utf8),
            face: try FontSource.songTrueType.open()
        ).package()
    }

    /// Prepares and stamps `seal` into `bytes` at `placement`, writing `output`.
    static func stamp(
        _ office: OfficeFixture, _ seal: SealRecord, _ bytes: [UInt8], _ placement: StampPlacement, output: String, at time: Date = signingTime
    ) throws -> (stamped: StampedDocument, log: UseLogRecord) {
        let prepared = try OFDStamp.prepare(
            try OFDFile(try OFDPackage(data: Data(bytes), name: "合同.ofd")), seal: try ElectronicSeal(derEncoded: Array(seal.sealDER)),
            placement: placement, signingTime: time)
        let (_, stamped, log) = try office.station.stamp(
            by: office.clerk, sealID: seal.id!, try OFDStamping(prepared, original: bytes, name: "合同.ofd"),
            holderKey: .passphrase(holder), output: output, now: time)
        return (stamped, log)
    }

    static func approveUses(_ office: OfficeFixture, _ seal: SealRecord, count: Int) throws {
        let request = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "合同盖章", count: count, now: OfficeFixture.now)
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: OfficeFixture.now)
    }

    @Test("a stamp consumes one use, logs the SM3 before and after, the placement and the signature id, and verifies")
    func stampLogsAndVerifies() throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        try Self.approveUses(office, seal, count: 1)
        let original = try Self.contract()
        let output = office.directory.path("合同-已盖章.ofd")
        let (stamped, log) = try Self.stamp(office, seal, original, .keyword(text: "乙方（盖章）", occurrence: 1), output: output)

        let written = try Array(Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(written == stamped.bytes)
        #expect(log.documentSM3 == Hex.encode(try SM3.hash(original)))
        #expect(log.stamp?.stampedSM3 == Hex.encode(try SM3.hash(written)))
        #expect(log.stamp?.signatureID == stamped.signatureID)
        #expect(log.stamp?.placement == stamped.placement && stamped.placement.contains("page 3"))
        #expect(try office.station.database.openUse(sealID: seal.id!) == nil, "the only approved use is consumed")
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect(attributes[.posixPermissions] as? Int == 0o644)

        let report = try OFDVerifier(trust: .anchors([office.station.ca.certificate]), at: Self.signingTime).verify(written, name: "合同-已盖章.ofd")
        #expect(report.isValid, "\(report.signatures.flatMap(\.failures))")
        #expect(report.signatures.count == 1 && report.signatures[0].appearances.first?.page == 3)
        #expect(report.signatures[0].seal?.esID == seal.esID)
    }

    @Test("without an approved use, or beyond the approved count, nothing is written and the registry is unchanged")
    func refusedStampWritesNothing() throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        let original = try Self.contract()
        let before = try office.snapshot()
        let output = office.directory.path("无审批.ofd")
        #expect(throws: RegistryError.self) { try Self.stamp(office, seal, original, .position(page: 1, x: 100, y: 100), output: output) }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try office.snapshot() == before)

        try Self.approveUses(office, seal, count: 1)
        let first = office.directory.path("一次.ofd")
        _ = try Self.stamp(office, seal, original, .position(page: 1, x: 100, y: 100), output: first)
        let afterOne = try office.snapshot()
        let second = office.directory.path("两次.ofd")
        #expect(throws: RegistryError.self) {
            try Self.stamp(office, seal, original, .position(page: 2, x: 100, y: 100), output: second, at: Self.signingTime.addingTimeInterval(1))
        }
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(try office.snapshot() == afterOne, "the refused stamp logged nothing")
    }

    @Test("a second stamp by another seal keeps the first valid; an edit after stamping is refused naming the file")
    func countersignatureAndEdit() throws {
        let (_, stamped, verifier) = try Self.officeWithTwoStamps()
        let report = try verifier.verify(stamped, name: "2.ofd")
        #expect(report.isValid && report.signatures.count == 2, "\(report.signatures.flatMap(\.failures))")
        #expect(report.signatures.map { $0.appearances.count } == [1, 3], "the riding seal appears once on each of the 3 pages")

        // One byte of page 2's content changed, the ZIP rebuilt: both signatures name the file.
        let package = try OFDPackage(data: Data(stamped), name: "2.ofd")
        let page = try OFDFile(package).bodies[0].document.pages[1].baseLoc.path
        var members = package.paths.map { OFDPackageMember(path: $0, bytes: package.file($0) ?? []) }
        let index = try #require(members.firstIndex { $0.path == page })
        members[index].bytes[members[index].bytes.count / 2] ^= 0x01
        let edited = try OFDPackageWriter.zip(members, modificationDate: Self.signingTime)
        let editedReport = try verifier.verify(edited, name: "2-edited.ofd")
        #expect(!editedReport.isValid)
        for signature in editedReport.signatures {
            #expect(signature.references.contains { $0.file == "/" + page && $0.status == .changed }, "\(signature.id)")
        }
    }
}

extension OFDStampingTests {
    @Test("every single-byte change of a stamped document's members, rebuilt into a valid ZIP, is refused naming the file or the signature")
    func everyMemberChange() throws {
        let office = try OFDStampingTests.officeWithTwoStamps()
        let (stamped, verifier) = (office.stamped, office.verifier)
        let package = try OFDPackage(data: Data(stamped), name: "2.ofd")
        let signaturesPath = try #require(try OFDFile(package).bodies[0].signatures?.path)
        var checked = 0
        // Signatures.xml is the one member no signature covers (ContinueSign, so that later stamps keep earlier ones
        // valid): a change there that still names the same Signature.xml files changes nothing that is signed.
        for path in package.paths where path != signaturesPath {
            let original = try #require(package.file(path))
            for offset in Set([0, original.count / 2, original.count - 1]) {
                var members = package.paths.map { OFDPackageMember(path: $0, bytes: package.file($0) ?? []) }
                let index = try #require(members.firstIndex { $0.path == path })
                members[index].bytes[offset] ^= 0x20
                let report = try verifier.verify(try OFDPackageWriter.zip(members, modificationDate: Self.signingTime), name: "changed.ofd")
                #expect(!report.isValid, "\(path) byte \(offset)")
                let named = report.problems.contains { $0.contains(path) }
                    || report.signatures.contains { $0.references.contains { $0.file == "/" + path && $0.status != .ok } }
                    // A file of the signature itself (Signature.xml, SignedValue.dat): that signature is invalid.
                    || report.signatures.contains { signature in
                        !signature.isValid && signature.location.split(separator: "/").dropLast() == ("/" + path).split(separator: "/").dropLast()
                    }
                #expect(named, "\(path) byte \(offset): \(report.problems) \(report.signatures.map { $0.failures.map(\.detail) })")
                checked += 1
            }
        }
        #expect(checked >= 30)
    }

    /// A station whose first seal stamped a contract by position and whose second (a 财务专用章) then stamped it as a
    /// riding seal, with a verifier trusting its CA.
    static func officeWithTwoStamps() throws -> (office: OfficeFixture, stamped: [UInt8], verifier: OFDVerifier) {
        let office = try OfficeFixture()
        let first = try office.issuedSeal()
        var finance = OfficeFixture.unitApplication
        finance.useName = "财务专用章"
        let application = try office.station.apply(by: office.clerk, finance, now: OfficeFixture.now)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now)
        let second = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: holder, keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        try approveUses(office, first, count: 1)
        try approveUses(office, second, count: 1)
        let once = try stamp(office, first, try contract(), .position(page: 1, x: 60, y: 80), output: office.directory.path("1.ofd"))
        let twice = try stamp(
            office, second, once.stamped.bytes, .riding(edge: .right), output: office.directory.path("2.ofd"), at: signingTime.addingTimeInterval(1))
        return (office, twice.stamped.bytes, OFDVerifier(trust: .anchors([office.station.ca.certificate]), at: signingTime))
    }
}
