import ArgumentParser
import Foundation
import SealCrypto
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
            abstract: "Sign a document with a registered seal, consuming one approved use, and log it.",
            discussion: """
                Refused without an approved use request with uses left. The use log records the date, reason, approver, count and the document's SM3. A seal issued to a token signs on that token (found by the serial recorded at issue; give --pin-file or type the PIN); a seal kept in files needs the holder passphrase.

                Examples:
                  sealstation use sign --seal 3 contract.pdf --out contract.pdf.ses --officer 王经办 --passphrase-file wang.pass --holder-passphrase-file holder.pass
                  sealstation use sign --seal 4 contract.pdf --out contract.pdf.ses --officer 王经办 --passphrase-file wang.pass --module /usr/lib/softhsm/libsofthsm2.so --pin-file token.pin
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The seal id.") var seal: Int64
        @Argument(help: "The document.") var document: String
        @Option(help: ArgumentHelp("The signature file to create.", valueName: "DOC.ses")) var out: String
        @Option(name: .customLong("holder-passphrase-file"), help: ArgumentHelp("The holder key's passphrase.", valueName: "FILE")) var holderPassphraseFile: String?
        @OptionGroup var token: TokenOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let opened = try station.open(vendorProfiles: token.vendorProfiles)
            let officer = try acting.authenticate(opened, as: .operatorRole, to: "use seals")
            let bytes = try ProtectedFile.read(document, limit: 1 << 30)
            let name = (document as NSString).lastPathComponent
            let custody = try opened.seal(seal).custody
            let log: UseLogRecord
            if let selector = custody.tokenSelector {
                (_, log) = try opened.sign(
                    by: officer, sealID: seal, document: bytes, documentName: name,
                    token: token.openStore(selector), signatureFile: out, now: Date())
            } else {
                (_, log) = try opened.sign(
                    by: officer, sealID: seal, document: bytes, documentName: name,
                    holderPassphrase: secret(file: holderPassphraseFile, option: "--holder-passphrase-file", for: "the holder key"), signatureFile: out, now: Date())
            }
            // The signature file was written with the use log entry, all or nothing.
            struct Result: Encodable { var signature: String; var useLogID: Int64; var documentSM3: String }
            let result = Result(signature: out, useLogID: log.id ?? 0, documentSM3: log.documentSM3)
            try Output.emit(result, json: json) { [("signature", out), ("use log entry", "\(result.useLogID)"), ("document SM3", log.documentSM3)] }
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
