import Foundation
import SealBundle
import SealCrypto
import SealOptical
import SealPKI
import SealStation
import SealTestSupport
import Testing
import SealAudit
import SealRegistry

/// `export` writes the bundle, its QR manifest (DER, PNG, SVG), its filing sheet and, when asked, its QR frames: all or
/// nothing, with the export's registry and audit records.
@Suite("export and its QR frames are written all or nothing")
struct ExportAllOrNothingTests {
    static let stationPassphrase = OfficeFixture.secret("station passphrase")

    func issuedOffice() throws -> OfficeFixture {
        let office = try OfficeFixture()
        let application = try office.station.apply(by: office.clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "square-18-noframe", holderName: "张小明",
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章"), now: OfficeFixture.now)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now)
        _ = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: Self.stationPassphrase,
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        return office
    }

    func export(_ office: OfficeFixture, to courier: URL, frames: URL?) throws -> BundleExport {
        try office.station.exportBundle(
            by: office.clerk, to: courier, stationPassphrase: Self.stationPassphrase,
            qrFrames: frames.map { QRFramesRequest(directory: $0, fragmentSize: 400) }, now: OfficeFixture.now)
    }

    /// Every entry under `directory`, hidden ones included, relative to it.
    func tree(_ directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
    }

    @Test("a frames directory that is not empty, under a regular file, or a destination taken by a directory: nothing written, nothing recorded")
    func refusedDestinations() throws {
        let office = try issuedOffice()
        let directory = office.directory
        let before = try office.snapshot()
        let courier = directory.url.appendingPathComponent("courier")
        try FileManager.default.createDirectory(at: courier, withIntermediateDirectories: true)
        func refused(_ frames: URL, _ what: String, matching: (any Error) -> Bool) throws {
            let courierBefore = tree(courier.path), framesBefore = tree(frames.path)
            #expect(performing: { try export(office, to: courier, frames: frames) }, throws: matching)
            #expect(tree(courier.path) == courierBefore, "\(what): \(tree(courier.path))")
            #expect(tree(frames.path) == framesBefore, "\(what): \(tree(frames.path))")
            #expect(try office.snapshot() == before, "\(what): the registry changed")
        }
        // Frames into a directory that already holds something.
        let busy = courier.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        _ = try directory.write("courier/busy/frame-00001.png", text: "an older frame")
        try refused(busy, "a frames directory that is not empty") { error in
            guard case BundleArchiveError.destinationExists(let path) = error else { return false }
            return path == busy.path
        }
        // Frames under a path whose parent is a regular file (refused for root too).
        _ = try directory.write("courier/plain", text: "not a directory")
        try refused(courier.appendingPathComponent("plain/frames"), "frames under a regular file") { error in
            guard case SealPKIError.fileAccess(let path, let reason) = error else { return false }
            return path.hasSuffix("courier/plain") && reason.contains("not a directory")
        }
        // The QR PNG's name taken by a directory: the bundle itself must not appear either.
        let stationID = office.station.stationID
        let base = "filing-\(stationID.prefix(12))-000001"
        try FileManager.default.createDirectory(at: courier.appendingPathComponent("\(base).qr.png"), withIntermediateDirectories: true)
        try refused(directory.url.appendingPathComponent("frames"), "a companion name that is a directory") { error in
            guard case SealPKIError.fileExists(let path) = error else { return false }
            return path.hasSuffix("\(base).qr.png")
        }
        #expect(!FileManager.default.fileExists(atPath: courier.appendingPathComponent("\(base).zip").path))
        #expect(!FileManager.default.fileExists(atPath: directory.path("frames")))
    }

    @Test("staging left by a killed export is removed and reported; the next export writes the bundle, its companions and its frames together")
    func leftoversAndSuccess() throws {
        let office = try issuedOffice()
        let directory = office.directory
        let courier = directory.url.appendingPathComponent("courier")
        try FileManager.default.createDirectory(at: courier, withIntermediateDirectories: true)
        // What a killed run leaves: a staging directory named after a process that is gone, beside the destinations.
        let leftover = courier.appendingPathComponent(StagedFiles.stagingPrefix + "999999999-0F0E").path
        try FileManager.default.createDirectory(atPath: leftover + "/frames", withIntermediateDirectories: true)
        _ = try directory.write("courier/\(StagedFiles.stagingPrefix)999999999-0F0E/frames/frame-00001.png", text: "half a run")
        // What an earlier version's killed `export --qr-frames` left (`.frames.UUID.tmp`, no process id): removed once an
        // hour old; a fresh one (a write in progress, perhaps) stays.
        let older = courier.appendingPathComponent(".frames.\(UUID().uuidString).tmp").path
        let fresh = courier.appendingPathComponent(".frames-2.\(UUID().uuidString).tmp").path
        for path in [older, fresh] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: older)
        let frames = courier.appendingPathComponent("frames")
        let exported = try export(office, to: courier, frames: frames)
        #expect(Set(exported.removedLeftovers.map { ($0 as NSString).lastPathComponent })
            == [StagedFiles.stagingPrefix + "999999999-0F0E", (older as NSString).lastPathComponent], "\(exported.removedLeftovers)")
        #expect(!FileManager.default.fileExists(atPath: older) && FileManager.default.fileExists(atPath: fresh))
        try FileManager.default.removeItem(atPath: fresh)
        let base = (exported.path as NSString).lastPathComponent.replacingOccurrences(of: ".zip", with: "")
        let frameCount = try #require(exported.frames)
        #expect(exported.qrFrames == frames.path && frameCount >= 1 && (exported.framesMinimum ?? 0) >= 1)
        let expected = ["\(base).manifest", "\(base).qr.png", "\(base).qr.svg", "\(base).sheet.pdf", "\(base).zip", "frames"]
            + (1...frameCount).map { String(format: "frames/frame-%05d.png", $0) } + ["frames/frames.txt", "frames/index.html"]
        #expect(tree(courier.path) == expected.sorted(), "\(tree(courier.path))")
        // The frames rebuild the very bundle that was exported.
        let text = try String(contentsOfFile: frames.appendingPathComponent("frames.txt").path, encoding: .utf8)
        var assembler = BundleAssembler()
        for line in text.split(separator: "\n") where !assembler.isComplete { try assembler.add(String(line)) }
        #expect(try assembler.bundle() == Array(Data(contentsOf: URL(fileURLWithPath: exported.path))))
        #expect(try office.station.auditRecords(since: 1, limit: 10_000).filter { $0.action == "bundle.export" }.count == 1)
    }
}
