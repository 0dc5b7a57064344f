import ArgumentParser
import Foundation
import SealCrypto
import SealDocument
import SealOFD
import SealPDF
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealViews

/// `sealstation use …`: use approval and the use log (使用管理, 第八条 and 第十条).
struct UseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Request, approve and record uses of a seal; sign with an approved use.",
        subcommands: [Request.self, Approve.self, List.self, Sign.self, Log.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Request uses of a seal (经办人).",
            discussion: "Example:\n  sealstation use request --seal 3 --reason 签订采购合同 --count 2 --officer 王经办 --passphrase-file wang.pass")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The seal id.") var seal: Int64
        @Option(help: "Reason.") var reason: String
        @Option(help: "How many uses.") var count: Int = 1
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            let request = try opened.requestUse(by: try acting.authenticate(opened, as: .operatorRole, to: "request seal uses"), sealID: seal, reason: reason, count: count, now: Date())
            try printRequest(request, json: json)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a use request (审批人; not its requester).",
            discussion: "Example:\n  sealstation use approve 5 --officer 李审批 --passphrase-file li.pass")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Argument(help: "The use request id.") var id: Int64
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            try printRequest(try opened.approveUse(by: try acting.authenticate(opened, as: .approver, to: "approve seal uses"), requestID: id, now: Date()), json: json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List use requests: by default the pending ones (requested, waiting for approval; approved, with uses left).",
            discussion: """
                Any officer may list, after signing in with --officer and the passphrase; the read is recorded in the audit log. --state also takes rejected and exhausted (every use made).

                Example:
                  sealstation use list --state requested --officer 李审批 --passphrase-file li.pass --json
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "requested, approved, rejected or exhausted (default: requested and approved).") var state: UseRequestState?
        @Option(help: "Only this seal.") var seal: Int64?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            try acting.signInToRead(opened, what: "use-requests" + (state.map { ":\($0.rawValue)" } ?? ":pending"))
            let names = try opened.officerNames()
            let rows = try opened.useRequests(states: state.map { [$0] } ?? [.requested, .approved])
                .filter { seal == nil || $0.sealID == seal }
                .map { UseRequestRow($0, officers: names) }
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: UseRequestRow.header, rows: rows.map(\.cells))) }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a document with a registered seal, or stamp it into an OFD or PDF, consuming one approved use, and log it.",
            discussion: """
                Refused without an approved use request with uses left. The use log records the date, reason, approver, count and the document's SM3. A seal issued to a token signs on that token (found by the serial recorded at issue; give --pin-file or type the PIN); a seal kept in files needs the holder passphrase.

                A document whose name ends in .ofd gets a visible seal (签章) at its true size, placed with --page N --at X,Y (the seal's centre in mm from the page's top-left corner), --keyword TEXT [--occurrence K] (centred on that text), or --riding [--edge right|left|top|bottom] (骑缝章 across every page); --out is the stamped OFD. Earlier signatures stay valid. The use log also records the stamped document's SM3, the placement and the signature's id; a refused stamp writes nothing.

                A .pdf given --page N --at X,Y, --keyword TEXT [--occurrence K] (found with poppler's text layout) or --riding [--edge E] (one signature field with a widget on every page) is stamped the same way (--out is the stamped PDF): one incremental revision after the untouched original, the seal drawn at its true size, a CMS signature (SM2 seals: adbe.pkcs7.detached with SM3; P-256 token seals: PAdES ETSI.CAdES.detached) that carries the GB/T 38540 SES_Signature; --cms gbt35275 writes GB/T 35275's OIDs for validators that demand them. A .pdf without a placement, and any other document, gets a detached signature (--out DOC.ses).

                Examples:
                  sealstation use sign --seal 3 contract.pdf --out contract.pdf.ses --officer 王经办 --passphrase-file wang.pass --holder-passphrase-file holder.pass
                  sealstation use sign --seal 3 合同.ofd --out 合同-已盖章.ofd --keyword 甲方（盖章） --officer 王经办 --passphrase-file wang.pass --holder-passphrase-file holder.pass
                  sealstation use sign --seal 3 合同.pdf --out 合同-已盖章.pdf --page 1 --at 150,240 --officer 王经办 --passphrase-file wang.pass --holder-passphrase-file holder.pass
                  sealstation use sign --seal 4 contract.pdf --out contract.pdf.ses --officer 王经办 --passphrase-file wang.pass --module /usr/lib/softhsm/libsofthsm2.so --pin-file token.pin
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The seal id.") var seal: Int64
        @Argument(help: ArgumentHelp("The document (an .ofd, or a .pdf with a placement, is stamped; anything else signed detached).", valueName: "DOC")) var document: String
        @Option(help: ArgumentHelp("The signature file (DOC.ses) or the stamped OFD or PDF to create.", valueName: "FILE")) var out: String
        @OptionGroup(title: "Placement (OFD, PDF)") var placement: PlacementOptions
        @Option(help: ArgumentHelp("The content-type OIDs of an SM2 PDF signature's CMS: pkcs7 (default, what PDF tools read) or gbt35275.", valueName: "OIDS"))
        var cms: PDFSignedData.ContentTypes?
        @Option(name: .customLong("holder-passphrase-file"), help: ArgumentHelp("The holder key's passphrase.", valueName: "FILE")) var holderPassphraseFile: String?
        @OptionGroup var token: TokenOptions
        @Flag(help: "Print the result as JSON.") var json = false

        /// Whether `document` is stamped as an OFD rather than signed detached.
        var stampsOFD: Bool { (document as NSString).pathExtension.lowercased() == "ofd" }
        /// Whether `document` is stamped as a PDF: a .pdf given a placement (without one it is signed detached, as
        /// before PDF stamping existed).
        var stampsPDF: Bool { (document as NSString).pathExtension.lowercased() == "pdf" && placement.isGiven }

        func validate() throws {
            if stampsOFD || stampsPDF {
                _ = try placement.placement
            } else if placement.isGiven {
                throw ValidationError("--page/--at, --keyword and --riding place a visible seal on an .ofd or .pdf document; \((document as NSString).lastPathComponent) is signed detached and takes no placement")
            }
            if cms != nil && !stampsPDF {
                throw ValidationError("--cms applies to a PDF that is stamped (a .pdf with --page N --at X,Y)")
            }
        }

        func run() throws {
            if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let opened = try station.open(vendorProfiles: token.vendorProfiles)
            let officer = try acting.authenticate(opened, as: .operatorRole, to: "use seals")
            let name = (document as NSString).lastPathComponent
            let record = try opened.seal(seal)
            let holderKey: HolderKeySource
            if let selector = record.custody.tokenSelector {
                holderKey = .token(try token.openStore(selector))
            } else {
                holderKey = .passphrase(try secret(file: holderPassphraseFile, option: "--holder-passphrase-file", for: "the holder key"))
            }
            if stampsOFD {
                try stamp(opened, officer: officer, name: name, seal: record, holderKey: holderKey)
                return
            }
            if stampsPDF {
                try stampPDF(opened, officer: officer, name: name, seal: record, holderKey: holderKey)
                return
            }
            let bytes = try ProtectedFile.read(document, limit: 1 << 30)
            // The signature file is written with the use log entry, all or nothing.
            let (_, log) = try opened.sign(
                by: officer, sealID: seal, try .document(bytes, name: name), holderKey: holderKey, signatureFile: out, now: Date())
            struct Result: Encodable { var signature: String; var useLogID: Int64; var documentSM3: String }
            let result = Result(signature: out, useLogID: log.id ?? 0, documentSM3: log.documentSM3)
            try Output.emit(result, json: json) { [("signature", out), ("use log entry", "\(result.useLogID)"), ("document SM3", log.documentSM3)] }
        }

        /// 签章 on an OFD: the stamp is prepared on the document (placement found, Signature.xml written), signed
        /// through the use gate, and the stamped OFD written with its use log entry.
        private func stamp(_ opened: Station, officer: OfficerRecord, name: String, seal record: SealRecord, holderKey: HolderKeySource) throws {
            let limits = OFDPackageLimits()
            let bytes = try ProtectedFile.read(document, limit: limits.archiveBytes)
            let file = try OFDFile(try OFDPackage(data: Data(bytes), name: name, limits: limits), limits: limits)
            // SignatureDateTime and the SES timeInfo hold whole seconds: one instant for both.
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let prepared = try OFDStamp.prepare(
                file, seal: try ElectronicSeal(derEncoded: Array(record.sealDER)), placement: try placement.placement, signingTime: now,
                limits: limits)
            let (_, stamped, log) = try opened.stamp(
                by: officer, sealID: seal, try OFDStamping(prepared, original: bytes, name: name), holderKey: holderKey, output: out, now: now)
            try emit(stamped, log: log)
        }

        /// 签章 on a PDF: the stamp is prepared on the document (the seal placed, the revision written with an empty
        /// /Contents), signed through the use gate — the SES_Signature and the CMS with the same holder key — and the
        /// stamped PDF written with its use log entry.
        private func stampPDF(_ opened: Station, officer: OfficerRecord, name: String, seal record: SealRecord, holderKey: HolderKeySource) throws {
            let limits = PDFLimits()
            let bytes = try ProtectedFile.read(document, limit: limits.fileBytes)
            let holder = try Certificate(derEncoded: Array(record.holderCertificate))
            if cms == .gbt35275 && PDFStamping.subFilter(for: holder) != .adbePKCS7Detached {
                throw ValidationError("--cms gbt35275 is for SM2 seals; seal \(record.esID) signs with \(holder.publicKey.algorithm.displayName) (PAdES)")
            }
            // /M, the CMS signingTime and the SES timeInfo hold whole seconds: one instant for all.
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let stamping = try PDFStamping(
                try PDFFile(bytes, name: name, limits: limits), name: name, seal: record, placement: try placement.placement,
                stationCA: opened.ca.certificate, contentTypes: cms ?? .pkcs7, signingTime: now, limits: limits)
            let (_, stamped, log) = try opened.stamp(by: officer, sealID: seal, stamping, holderKey: holderKey, output: out, now: now)
            try emit(stamped, log: log)
        }

        /// Prints what a stamp wrote.
        private func emit(_ stamped: StampedDocument, log: UseLogRecord) throws {
            struct Result: Encodable {
                var stamped: String; var useLogID: Int64; var signatureID: String; var placement: String; var documentSM3: String; var stampedSM3: String
            }
            let result = Result(
                stamped: out, useLogID: log.id ?? 0, signatureID: stamped.signatureID, placement: stamped.placement,
                documentSM3: log.documentSM3, stampedSM3: log.stampedSM3 ?? "")
            try Output.emit(result, json: json) {
                [("stamped document", out), ("use log entry", "\(result.useLogID)"), ("signature", stamped.signatureID), ("placement", stamped.placement),
                 ("document SM3 before", result.documentSM3), ("document SM3 after", result.stampedSM3)]
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the use log (第十条): date, reason, approver, count, document SM3.",
            discussion: """
                Any officer may read the log, after signing in with --officer and the passphrase; the read is recorded in the audit log.

                Example:
                  sealstation use log --seal 3 --officer 赵审计 --passphrase-file zhao.pass --json
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "Only this seal.") var seal: Int64?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            try acting.signInToRead(opened, what: "use-log" + (seal.map { ":seal:\($0)" } ?? ""))
            let names = try opened.officerNames()
            let rows = try opened.useLog(sealID: seal).map { UseLogRow($0, officers: names) }
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: UseLogRow.header, rows: rows.map(\.cells))) }
        }
    }
}

private func printRequest(_ request: UseRequestRecord, json: Bool) throws {
    struct Result: Encodable { var id: Int64; var sealID: Int64; var reason: String; var count: Int; var used: Int; var state: String }
    let result = Result(id: request.id ?? 0, sealID: request.sealID, reason: request.reason, count: request.count, used: request.used, state: request.state.rawValue)
    try Output.emit(result, json: json) {
        [("use request", "\(result.id)"), ("seal", "\(result.sealID)"), ("reason", result.reason), ("count", "\(result.used)/\(result.count)"), ("state", result.state)]
    }
}
