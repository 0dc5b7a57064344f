import Dispatch
public import Foundation
import SealASN1
public import SealBundle
import SealBundleRender
public import SealCrypto
public import SealOptical
import SealPKI
public import SealRegistry
import SealAudit
import SealRender
import SealSES
public import SealToken

/// What `export` wrote.
public struct BundleExport: Sendable, Codable {
    public var sequence: Int64
    public var path: String
    /// SM3 (hex) of the file written: the bundle, or the encrypted bundle when it was encrypted.
    public var sm3: String
    /// When the bundle was encrypted (`--to-recipient`): for whom, and the SM3 (hex) of the bundle inside, which the
    /// next bundle names as its previous one and the filing service records.
    public var encryptedFor: EnvelopeRecipient?
    public var bundleSM3: String?
    public var previousSM3: String?
    public var bytes: Int
    public var seals: Int
    public var uses: Int
    public var revocations: Int
    public var auditFirstSeq: Int64
    public var auditLastSeq: Int64
    /// Audit records left for the next bundle because this one reached its seal limit (0 when all were exported).
    public var remaining: Int
    /// The QR manifest beside the bundle: DER, PNG (600 dpi) and SVG (mm).
    public var manifestPath: String
    public var qrPNGPath: String
    public var qrSVGPath: String
    /// The A4 filing sheet (PDF) for the courier and the receiving clerk.
    public var sheetPath: String
    public var manifestBytes: Int
    /// The QR symbol version holding the manifest.
    public var qrVersion: Int
    /// The directory of the bundle's animated QR frames, when asked for; how many frames, and how many rebuild it.
    public var qrFrames: String?
    public var frames: Int?
    public var framesMinimum: Int?
    /// Staging directories of killed runs found beside the destinations and removed.
    public var removedLeftovers: [String]
    /// The number of the CRL the bundle carries (`data/crl/station-ca.crl`), issued by this export.
    public var crlNumber: Int64
    /// How many revoked certificates that CRL lists.
    public var crlEntries: Int
}

/// The animated QR frames an export also writes (see `QRFrameSequence`).
public struct QRFramesRequest {
    /// A new or empty directory.
    public var directory: URL
    public var fragmentSize: Int
    public var extraFrames: Int?
    public var framesPerSecond: Double
    /// Called with (frames written, frames).
    public var progress: ((Int, Int) -> Void)?

    public init(directory: URL, fragmentSize: Int = QRFrameSequence.defaultFragmentSize, extraFrames: Int? = nil,
                framesPerSecond: Double = 4, progress: ((Int, Int) -> Void)? = nil) {
        self.directory = directory
        self.fragmentSize = fragmentSize
        self.extraFrames = extraFrames
        self.framesPerSecond = framesPerSecond
        self.progress = progress
    }
}

extension Station {
    /// The station's stable id: the SM3 (hex) of its CA certificate.
    public var stationID: String { Hex.encode(ca.certificate.fingerprint) }

    /// Exports a filing bundle (备案包) into `directory`: every seal issued, changed or revoked and every use recorded
    /// since the last export (the audit records after the last bundle's), with the period's audit records and their
    /// head signed by the station CA, as a BagIt bag signed by the seal maker, zipped. The bundle is numbered and names
    /// the previous bundle's SM3. The export is recorded in the registry and the audit log, and a checkpoint of the
    /// new head is signed, in one transaction whose last step moves the bundle, its QR manifest, its filing sheet and
    /// (with `qrFrames`) its animated QR frames into place together: all or nothing, every destination checked first.
    /// - Throws: `FilingBundleError.nothingToExport` when nothing but the last export's own records is newer than the
    ///   last bundle.
    /// The bundle carries a fresh CRL of the station CA (every certificate revoked so far, valid for
    /// `crlNextUpdateDays`), numbered after the last CRL and recorded with its `crl.issue` audit record in the export's
    /// transaction.
    /// At most `maxSeals` seals go into one bundle (the period ends before the record that would add one more), so a
    /// bundle stays within what importers accept; ``BundleExport/remaining`` says whether another export is due.
    ///
    /// With `recipient` (the receiving authority's SM2 encryption certificate) the bundle is written only encrypted to it
    /// (``BundleEnvelope``, `filing-….zip.p7e`): the plaintext stays in memory, the QR manifest and the QR frames carry the
    /// encrypted file (the manifest names its SM3), and the filing sheet shows counts and digests but no seal, holder or
    /// image. The audit record says for whom it was encrypted.
    public func exportBundle(
        by officer: OfficerRecord, to directory: URL, stationPassphrase: SecretBytes, makerToken: TokenKeyStore? = nil,
        maxSeals: Int = Station.defaultMaxSealsPerBundle, qrFrames: QRFramesRequest? = nil, crlNextUpdateDays: Int = 7,
        recipient: Certificate? = nil, now: Date
    ) throws -> BundleExport {
        try require(officer, .operatorRole, to: "export filing bundles")
        if let recipient { try BundleEnvelope.checkRecipient(recipient) }
        try Self.checkNextUpdateDays(crlNextUpdateDays)
        guard (1...Self.maximumSealsPerBundle).contains(maxSeals) else {
            throw RegistryError.invalidInput(field: "max seals", reason: "\(maxSeals) is not 1…\(Self.maximumSealsPerBundle)")
        }
        let keys = try unlockIssuingKeys(stationPassphrase: stationPassphrase, makerToken: makerToken, officer: officer.name, now: now)
        return try withExclusiveLock {
            let period = try ExportPeriod(database.exportSnapshot(maxSeals: maxSeals), station: self)
            let head = period.records.last!
            let headSignature = try keys.caKey.signature(for: AuditChain.checkpointMessage(seq: head.seq, hash: head.hash))
            let templateIDs = Set(period.seals.map(\.filing.template))
            // The sheet redraws the seals and the bundle records the templates' SM3s: only with the pinned templates.
            for id in templateIDs.sorted() { _ = try pinnedTemplate(id, for: officer, to: "export", now: now) }
            // The CA names the certificate that may sign this bundle.
            let makerSM3 = Hex.encode(makerCertificate.fingerprint)
            let binding = try keys.caKey.signature(
                for: AuditHeadFiling.bindingMessage(stationID: stationID, sequence: period.sequence, makerSM3: makerSM3)!)
            let (crl, crlRecord) = try makeCRL(period.crl, caKey: keys.caKey, nextUpdateDays: crlNextUpdateDays, officer: officer.name, now: now)
            let bundle = FilingBundle(
                info: BundleInfo(
                    organization: period.organization, stationName: period.stationName, stationID: stationID, sequence: period.sequence,
                    previousBundleSM3: period.previous?.sm3, auditFirstSeq: period.records.first!.seq, auditLastSeq: head.seq,
                    periodStart: period.records.first!.time, periodEnd: head.time, sealsIssued: period.count(.sealIssue),
                    sealsChanged: period.count(.sealSupersede), sealsRevoked: period.count(.sealRevoke), uses: period.uses.count,
                    created: now),
                stationCertificate: ca.certificate.derEncoded, makerCertificate: makerCertificate.derEncoded,
                seals: period.seals, uses: period.uses, revocations: period.revocations,
                auditRecords: period.records.map(AuditRecordFiling.init),
                auditHead: AuditHeadFiling(seq: head.seq, hash: Hex.encode(head.hash), signedAt: AuditTime.string(now),
                                           signature: Hex.encode(headSignature), makerSM3: makerSM3, binding: Hex.encode(binding)),
                rendering: try RenderingProvenance.current(templateIDs: templateIDs, library: templates), crl: crl.derEncoded)
            let files = try bundle.signedFiles(signer: keys.makerKey, certificate: makerCertificate, chain: [ca.certificate], signingTime: now)
            let plaintext = try BundleArchive.archive(files)
            let bundleName = "filing-\(stationID.prefix(12))-\(String(format: "%06lld", period.sequence)).zip"
            // Encrypted, the bundle exists only in memory: what is written, framed and named is the envelope.
            let archive = try recipient.map { Data(try BundleEnvelope.seal(Array(plaintext), for: $0)) } ?? plaintext
            let name = recipient == nil ? bundleName : "\(bundleName).\(BundleEnvelope.fileExtension)"
            let final = directory.appendingPathComponent(name)
            let base = String(bundleName.dropLast(4))
            let companionNames = ["\(base).manifest", "\(base).qr.png", "\(base).qr.svg", "\(base).sheet.pdf"]

            // Every destination is checked before anything is written: the bundle, its companions and the QR frames are
            // staged beside their places and appear together as the last step of the transaction that records them.
            var destinations = ([name] + companionNames).map { directory.appendingPathComponent($0).path }
            var newDirectories = StagedFiles.missingDirectories(for: directory.path)
            let frameSequence = try qrFrames.map {
                try QRFrameSequence(bundle: Array(archive), fragmentSize: $0.fragmentSize, extraFrames: $0.extraFrames)
            }
            if let qrFrames, let frameSequence {
                let frames = try frameSequence.destinations(in: qrFrames.directory)
                destinations += frames.files
                newDirectories += frames.newDirectories.filter { !newDirectories.contains($0) }
            }
            let staged = try StagedFiles(destinations: destinations, newDirectories: newDirectories)
            // The bundle's SM3 is computed while the file is written and synced.
            final class Digest: @unchecked Sendable { var value: Result<String, any Error> = .success("") }
            let digest = Digest()
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { digest.value = Result { Hex.encode(try SM3.hash(archive)) } }
            let written = Result { try staged.write(Array(archive), to: final.path, mode: ProtectedFile.secretMode) }
            group.wait()
            try written.get()
            let sm3 = try digest.value.get()
            // The chain of bundles and the filing service know the bundle by its own SM3, encrypted or not.
            let bundleSM3 = recipient == nil ? sm3 : Hex.encode(try SM3.hash(plaintext))
            let encryption = recipient.map { (recipient: EnvelopeRecipient(certificate: $0), subject: $0.subject.description, bundleSM3: bundleSM3) }

            // Beside the bundle: its QR manifest (DER, PNG at 600 dpi, SVG in mm), signed by the station CA key.
            let manifest = try FilingManifest(
                info: FilingManifestInfo(
                    bundleID: name, stationID: ca.certificate.fingerprint, sequence: period.sequence,
                    previousBundleSM3: period.previous.flatMap { Hex.decode($0.sm3) } ?? [], bundleSM3: Hex.decode(sm3) ?? [],
                    sealCount: period.seals.count, created: now),
                signer: keys.caKey)
            let qr = try QRCodeImage(manifest.derEncoded)
            let qrModuleMM = Double(Self.qrPixelsPerModule) * 25.4 / SealRenderer.defaultDPI
            let sheet = try filingSheet(bundle: bundle, name: name, sm3: sm3, qr: qr, qrModuleMM: qrModuleMM, encryption: encryption)
            let companions: [[UInt8]] = [
                manifest.derEncoded,
                try qr.png(pixelsPerModule: Self.qrPixelsPerModule, dpi: SealRenderer.defaultDPI),
                qr.svg(moduleMM: qrModuleMM),
                sheet,
            ]
            for (companion, bytes) in zip(companionNames, companions) {
                try staged.write(bytes, to: directory.appendingPathComponent(companion).path, mode: ProtectedFile.secretMode)
            }
            if let qrFrames, let frameSequence {
                try frameSequence.stage(into: staged, directory: qrFrames.directory, framesPerSecond: qrFrames.framesPerSecond,
                                        progress: qrFrames.progress)
            }

            do {
                let export = BundleExportRecord(
                    sequence: period.sequence, createdAt: now, officer: officer.name, auditFirstSeq: period.records.first!.seq,
                    auditLastSeq: head.seq, useLogLastID: period.useLogLastID, seals: period.seals.count, uses: period.uses.count,
                    fileName: name, sm3: bundleSM3)
                let headCheckpoint = AuditCheckpointRecord(
                    seq: head.seq, hash: head.hash, signedAt: AuditTime.string(now), reason: "export \(period.sequence)",
                    signature: Data(headSignature))
                let encryptionDetails = encryption.map {
                    ["encryptedFor": "\($0.subject) (\($0.recipient))", "encryptedSM3": sm3, "encryption": "SM2 key transport, SM4-CBC (GB/T 35275 EnvelopedData)"]
                }
                try database.recordExport(
                    export, previousSM3: period.previous?.sm3, headCheckpoint: headCheckpoint, crl: crlRecord, caKey: keys.caKey,
                    extraDetails: encryptionDetails ?? [:], now: now
                ) {
                    // Last: the files appear under their names only if everything above succeeded; link(2) never overwrites.
                    try staged.commit()
                }
            } catch {
                // If the commit itself failed after the files were moved into place, they go again.
                staged.rollback()
                throw error
            }
            let companionPaths = companionNames.map { directory.appendingPathComponent($0).path }
            return BundleExport(
                sequence: period.sequence, path: final.path, sm3: sm3, encryptedFor: encryption?.recipient,
                bundleSM3: encryption?.bundleSM3, previousSM3: period.previous?.sm3, bytes: archive.count,
                seals: period.seals.count, uses: period.uses.count, revocations: period.revocations.count,
                auditFirstSeq: period.records.first!.seq, auditLastSeq: head.seq, remaining: period.remaining,
                manifestPath: companionPaths[0], qrPNGPath: companionPaths[1], qrSVGPath: companionPaths[2],
                sheetPath: companionPaths[3], manifestBytes: manifest.derEncoded.count, qrVersion: qr.version,
                qrFrames: qrFrames.map { $0.directory.path }, frames: frameSequence?.parts.count, framesMinimum: frameSequence?.seqLen,
                removedLeftovers: staged.removedLeftovers, crlNumber: crlRecord.number, crlEntries: crlRecord.entries)
        }
    }

    /// Seal images printed at true size on a filing sheet (about 30 pages); a longer bundle's sheet lists every seal in
    /// its table and says how many images are only in the bundle.
    static let sheetImageLimit = 200

    /// QR manifest modules: 12 pixels at 600 dpi, 0.508 mm.
    static let qrPixelsPerModule = 12

    /// Seals per bundle by default: 5,000 round seals make a bundle of about 950 MB, well inside the 2 GiB an
    /// importer reads by default.
    public static let defaultMaxSealsPerBundle = 5000
    /// The most seals a bundle may carry: 12,000 (five files each) stays under the 65,000 members an importer reads
    /// (`BundleArchive.Limits.maximumMembers`).
    public static let maximumSealsPerBundle = 12_000

    /// The filing sheet of a bundle: its facts, a row per seal, true-size images of the first 200, the QR manifest,
    /// handover lines. For an encrypted bundle only its facts (counts, digests, the recipient), the QR manifest and the
    /// handover lines: no seal, holder or image leaves the envelope on paper.
    func filingSheet(
        bundle: FilingBundle, name: String, sm3: String, qr: QRCodeImage, qrModuleMM: Double,
        encryption: (recipient: EnvelopeRecipient, subject: String, bundleSM3: String)? = nil
    ) throws -> [UInt8] {
        let renderer = try SealRenderer()
        let info = bundle.info
        let states = ["issued": "有效", "superseded": "已变更", "revoked": "已注销"]
        func day(_ date: Date) -> String { String(SESTime.iso8601(date).prefix(10)) }
        let rows = encryption != nil ? [] : bundle.seals.map { entry in
            FilingSheet.Row(
                esID: entry.filing.esID, unit: entry.filing.holderName.map { "\($0)（\(entry.filing.unitName)）" } ?? entry.filing.name,
                creditCode: entry.filing.creditCode, kind: entry.filing.kind == .unit ? "单位章" : "个人章",
                state: states[entry.filing.state] ?? entry.filing.state, validity: "\(day(entry.filing.validFrom))–\(day(entry.filing.validTo))")
        }
        let images = try bundle.seals.prefix(encryption != nil ? 0 : Self.sheetImageLimit).map { entry in
            let filing = entry.filing
            let layout = try renderer.layout(
                try templates.template(filing.template),
                content: .seal(unitName: filing.unitName, useName: filing.useName, holderName: filing.holderName, code: filing.physicalCode))
            return FilingSheet.Image(caption: "\(filing.esID)  \(states[filing.state] ?? filing.state)", layout: layout)
        }
        var facts: [(label: String, value: String)] = [
                ("制作站", "\(info.stationName)（\(info.organization)）"), ("站点标识", info.stationID),
                ("备案包", "\(name)，第 \(info.sequence) 号"), ("生成时间", SESTime.iso8601(info.created)),
                ("本包 SM3", sm3), ("上一包 SM3", info.previousBundleSM3 ?? "无（首个备案包）"),
                ("内容", "印章 \(bundle.seals.count) 枚（制作 \(info.sealsIssued)，变更 \(info.sealsChanged)，注销 \(info.sealsRevoked)），用印 \(info.uses) 次"),
                ("审计记录", "第 \(info.auditFirstSeq)–\(info.auditLastSeq) 条（\(info.periodStart) 至 \(info.periodEnd)）"),
            ]
        if let encryption {
            facts[4].value = "\(sm3)（加密文件）"
            facts.insert(contentsOf: [
                ("加密", "SM2 数字信封（GB/T 35275），SM4-CBC；接收方 \(encryption.subject)"),
                ("接收方证书", "颁发者 \(encryption.recipient.issuer)，序列号 \(encryption.recipient.serialNumber)"),
                ("解密后 SM3", encryption.bundleSM3),
                ("印章明细", "已加密：印章、持有者与印模只在解密后的备案包中"),
            ], at: 5)
        }
        let sheet = FilingSheet(
            title: "电子印章备案交接单", facts: facts,
            rows: rows, images: images, imagesOmitted: encryption != nil ? 0 : bundle.seals.count - images.count, qr: qr, qrModuleMM: qrModuleMM,
            signatureLines: ["移交人（制作站经办人）签字", "信使（押运人）签字", "接收人（备案机关）签字"])
        return try renderer.filingSheetPDF(sheet)
    }

    /// The bundles exported so far.
    public func exports() throws -> [BundleExportRecord] {
        try database.exports()
    }
}

/// What one export covers, read in one snapshot of the registry.
struct ExportPeriod {
    var sequence: Int64
    var previous: BundleExportRecord?
    var stationName: String
    var organization: String
    var records: [AuditRecord]
    var seals: [FilingBundle.SealEntry]
    var uses: [UseFiling]
    var revocations: [RevocationFiling]
    var useLogLastID: Int64
    /// The number and entries of the CRL the bundle carries.
    var crl: CRLDraft

    /// Audit records after the period, left for the next bundle.
    var remaining: Int

    /// The period of `snapshot`, with each seal's filing (its SVG read from the station's files).
    /// - Throws: `FilingBundleError.nothingToExport` when nothing but the last export's own records is newer than
    ///   the last bundle; `missingFile` for a seal whose SVG is gone.
    init(_ snapshot: ExportSnapshot, station: Station) throws {
        guard !snapshot.records.isEmpty else { throw FilingBundleError.nothingToExport(lastSeq: snapshot.previous?.auditLastSeq ?? 0) }
        previous = snapshot.previous
        sequence = snapshot.sequence
        stationName = snapshot.stationName
        organization = snapshot.organization
        records = snapshot.records
        remaining = snapshot.remaining
        useLogLastID = snapshot.useLogLastID
        crl = snapshot.crl
        let officers = snapshot.officers
        seals = []
        revocations = []
        for entry in snapshot.seals {
            let (seal, application, id) = (entry.record, entry.application, entry.record.id!)
            let svgPath = station.directory.appendingPathComponent("issued/\(seal.esID)/seal.svg").path
            guard let svg = FileManager.default.contents(atPath: svgPath) else {
                throw FilingBundleError.missingFile(svgPath)
            }
            let replaced = entry.replacesESID
            // The seal's filing fields.
            let description = SealDescription(
                seal: seal, application: application, issuedBy: officers[seal.issuedBy] ?? "?",
                approvedBy: application.deciderID.flatMap { officers[$0] }, replacesESID: replaced)
            let filing = SealFiling(
                seal: description, stationSealID: id, sealSM3: Hex.encode(try SM3.hash(seal.sealDER)),
                svgSM3: Hex.encode(try SM3.hash(svg)), holderCertificateSM3: Hex.encode(try SM3.hash(seal.holderCertificate)),
                imageDPI: SealRenderer.defaultDPI)
            seals.append(FilingBundle.SealEntry(
                filing: filing, sealDER: Array(seal.sealDER), svg: Array(svg),
                holderCertificate: Array(seal.holderCertificate)))
            if entry.revokedInPeriod, let revokedAt = seal.revokedAt {
                revocations.append(RevocationFiling(esID: seal.esID, revokedAt: revokedAt, reason: seal.revokeReason ?? ""))
            }
        }
        uses = snapshot.uses.map { use in
            let log = use.log
            return UseFiling(
                esID: use.esID ?? "?", usedAt: log.usedAt, reason: log.reason, approver: officers[log.approverID] ?? "?",
                officer: officers[log.officerID] ?? "?", count: log.count, documentName: log.documentName, documentSM3: log.documentSM3,
                signatureSM3: log.signatureSM3)
        }
    }

    func count(_ action: AuditAction) -> Int {
        Set(records.filter { $0.auditAction == action }.map(\.object)).count
    }
}
