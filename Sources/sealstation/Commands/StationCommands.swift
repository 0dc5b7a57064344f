import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealStation
import SealToken
import SealViews

/// `sealstation init`: a new station.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the station: registry, station CA, seal-maker key and certificate, first administrator.",
        discussion: """
            Keys are encrypted under the station passphrase (--station-passphrase-file or a prompt); the administrator's passphrase is hashed (PBKDF2-HMAC-SHA256). Refuses an existing station.
            --maker-to token:LABEL generates the seal-maker key on a PKCS#11 token instead (its vendor profile must offer SM2: the maker key is always SM2; a token without SM2, such as SoftHSM2, is refused and the key stays in software). `issue` then signs seals on that token (--maker-pin-file).

            Examples:
              sealstation init --db /srv/seal/registry.sqlite --name 某市电子印章制作站 --org 某市公安局 --admin 张管理 --passphrase-file admin.pass --station-passphrase-file station.pass
              sealstation init --db /srv/seal/registry.sqlite --name 某市电子印章制作站 --org 某市公安局 --admin 张管理 --passphrase-file admin.pass --station-passphrase-file station.pass --maker-to token:maker-hsm --module /usr/lib/vendor/libsm2-pkcs11.so --pin-file maker.pin
            """)

    @OptionGroup var station: StationOptions
    @Option(help: "The station's name.") var name: String
    @Option(help: "The organisation that runs it.") var org: String
    @Option(help: "The first administrator's name.") var admin: String
    @OptionGroup var passphrase: PassphraseOptions
    @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase (keys).", valueName: "FILE"))
    var stationPassphraseFile: String?
    @Option(name: .customLong("maker-to"), help: ArgumentHelp("Put the seal-maker key on a token: token:LABEL (SM2 tokens only).", valueName: "TARGET"))
    var makerTo: CustodyTarget?
    @OptionGroup var token: TokenOptions
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        var makerToken: TokenKeyStore?
        switch makerTo {
        case nil, .station?: makerToken = nil
        case .file?: throw ValidationError("--maker-to takes token:LABEL; the maker key is kept in the station's maker/ directory otherwise")
        case .token(let selector)?: makerToken = try token.openStore(selector)
        }
        let adminSecret = try passphrase.new(for: "administrator \(admin)", officer: true)
        let stationSecret = try secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys", new: true)
        let created = try Station.initialize(
            databasePath: station.databasePath, stationName: name, organization: org, administrator: admin,
            administratorPassphrase: adminSecret, stationPassphrase: stationSecret, templates: station.templateLibrary(),
            vendorProfiles: station.vendorProfileTable(flag: token.vendorProfiles), makerToken: makerToken, now: Date())
        struct Result: Encodable { var registry: String; var ca: CertificateSummary; var maker: CertificateSummary; var administrator: String }
        let result = Result(
            registry: created.database.path, ca: CertificateSummary(created.ca.certificate, path: created.ca.certificatePath),
            maker: CertificateSummary(created.makerCertificate), administrator: admin)
        try Output.emit(result, json: json) {
            [("registry", result.registry), ("station CA", created.ca.certificate.subject.description),
             ("seal maker", created.makerCertificate.subject.description), ("administrator", admin)]
        }
    }
}

/// `sealstation officer …`.
struct OfficerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer", abstract: "Manage officers (三员分立: administrator, approver, auditor; plus operators).",
        subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, Unlock.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an officer (administrators only).",
            discussion: """
                No officer may hold two of administrator, approver and auditor. The passphrase must have at least 12 \
                characters and must not contain the officer's name (in any letter case).

                Example:
                  sealstation officer add --officer 张管理 --passphrase-file admin.pass --name 李审批 --role approver --new-passphrase-file li.pass
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The new officer's name.") var name: String
        @Option(help: "administrator, approver, auditor or operator.") var role: OfficerRole
        @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("The new officer's passphrase.", valueName: "FILE"))
        var newPassphraseFile: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            let admin = try acting.authenticate(opened, as: .administrator, to: "add officers")
            let officer = try opened.addOfficer(
                by: admin, name: name, role: role, passphrase: secret(file: newPassphraseFile, option: "--new-passphrase-file", for: "officer \(name)", new: true, officer: true), now: Date())
            struct Result: Encodable { var name: String; var role: String }
            try Output.emit(Result(name: officer.name, role: officer.role.rawValue), json: json) { [("officer", officer.name), ("role", officer.role.chineseName)] }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change your own passphrase (asks the old one, then the new one twice).",
            discussion: """
                The old passphrase comes from --passphrase-file or a prompt, the new one from --new-passphrase-file or \
                two prompts. The new passphrase must have at least 12 characters, must not contain the officer's name \
                (in any letter case) and must differ from the old one. A wrong old passphrase counts toward the lock \
                like a wrong sign-in. An officer who holds two roles has a passphrase for each: give --role.

                Example:
                  sealstation officer passwd --officer 王经办 --passphrase-file wang.pass --new-passphrase-file wang-new.pass
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The role whose passphrase to change (needed only for an officer who holds two).") var role: OfficerRole?
        @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("The new passphrase.", valueName: "FILE"))
        var newPassphraseFile: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            let name = acting.officer
            let held = try opened.roles(of: name)
            guard let role = role ?? (held.count == 1 ? held[0] : nil) else {
                if held.isEmpty { throw RegistryError.officerNotFound(name: name) }
                throw CLIError.roleNeeded(officer: name, roles: held.map(\.rawValue))
            }
            let old = try acting.passphrase.existing(for: "officer \(name)")
            // The old passphrase is checked before the new one is asked for.
            _ = try opened.authenticate(name, role: role, passphrase: old, to: "change their passphrase")
            let new = try secret(file: newPassphraseFile, option: "--new-passphrase-file", for: "officer \(name)", new: true, officer: true)
            let officer = try opened.changePassphrase(of: name, role: role, old: old, new: new, now: Date())
            struct Result: Encodable { var name: String; var role: String; var changed: Bool }
            try Output.emit(Result(name: officer.name, role: officer.role.rawValue, changed: true), json: json) {
                [("officer", officer.name), ("role", officer.role.chineseName), ("passphrase", "changed")]
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an officer in every role (administrators only); they cannot sign in until enabled.",
            discussion: """
                The last enabled administrator who can sign in (not locked) cannot be disabled. Records stay; the \
                officer's name remains in the audit log and on what they did.

                Example:
                  sealstation officer disable 王经办 --officer 张管理 --passphrase-file admin.pass
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Argument(help: "The officer to disable.") var name: String

        func run() throws {
            let opened = try station.open()
            try opened.disableOfficer(by: try acting.authenticate(opened, as: .administrator, to: "disable officers"), name: name, now: Date())
            print("disabled \(name)")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled officer again (administrators only).",
            discussion: "Example:\n  sealstation officer enable 王经办 --officer 张管理 --passphrase-file admin.pass")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Argument(help: "The officer to enable.") var name: String

        func run() throws {
            let opened = try station.open()
            try opened.enableOfficer(by: try acting.authenticate(opened, as: .administrator, to: "enable officers"), name: name, now: Date())
            print("enabled \(name)")
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlock an officer locked after 5 wrong passphrases (administrators only).",
            discussion: "Example:\n  sealstation officer unlock --officer 张管理 --passphrase-file admin.pass --name 王经办")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "The officer to unlock.") var name: String

        func run() throws {
            let opened = try station.open()
            try opened.unlockOfficer(by: try acting.authenticate(opened, as: .administrator, to: "unlock officers"), name: name)
            print("unlocked \(name)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List officers (any officer, signed in; the read is audited).",
            discussion: "Example:\n  sealstation officer list --officer 张管理 --passphrase-file admin.pass --json")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            try acting.signInToRead(opened, what: "officers")
            let rows = try opened.officers().map(OfficerRow.init)
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: OfficerRow.header, rows: rows.map(\.cells))) }
        }
    }
}

/// `sealstation apply`.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply for a seal (经办人): unit, 统一社会信用代码, seal kind (template), holder for personal seals, reason.",
        discussion: """
            The credit code is checked by its GB 32100 check character and a 公民身份号码 by GB 11643; attachments are stored by SM3. The seal image must be drawable, or the application is refused.

            Example:
              sealstation apply --officer 王经办 --passphrase-file wang.pass --unit 北京某某科技发展有限公司 --credit-code 91110108MA00000070 --template special-40 --use-name 合同专用章 --code 1101080012345 --reason 新设立单位刻制合同专用章 --attach 营业执照.pdf
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Option(help: "单位名称.") var unit: String
    @Option(name: .customLong("credit-code"), help: "统一社会信用代码 (checked by GB 32100).", transform: IdentifierArgument.creditCode)
    var creditCode: UnifiedSocialCreditCode
    @Option(help: "Seal kind: a template id (sealstation render --list).") var template: String
    @Option(name: .customLong("use-name"), help: "Use line of a 专用章.") var useName: String?
    @Option(name: .customLong("holder-name"), help: "Holder's name (personal and post seals).") var holderName: String?
    @Option(name: .customLong("holder-id"), help: "Holder's 公民身份号码 (checked by GB 11643).", transform: IdentifierArgument.residentIdentityNumber)
    var holderID: ResidentIdentityNumber?
    @Option(help: "The physical seal's 13-digit code.") var code: String?
    @Option(help: "Reason.") var reason: String
    @Option(help: ArgumentHelp("An attachment; repeatable.", valueName: "FILE")) var attach: [String] = []
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open()
        let officer = try acting.authenticate(opened, as: .operatorRole, to: "apply for seals")
        let attachments = try attach.map { (name: ($0 as NSString).lastPathComponent, content: try ProtectedFile.read($0)) }
        let record = try opened.apply(by: officer, SealApplication(
            unitName: unit, creditCode: creditCode.value, template: template, useName: useName, holderName: holderName,
            holderIDNumber: holderID?.value, physicalCode: code, reason: reason, attachments: attachments), now: Date())
        let row = ApplicationRow(record)
        try Output.emit(row, json: json) { row.rows }
    }
}

/// `sealstation approve` and `reject`.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve an application (审批人; not its applicant).",
        discussion: "Example:\n  sealstation approve 7 --officer 李审批 --passphrase-file li.pass --note 同意刻制")
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: "The application id.") var id: Int64
    @Option(help: "A note.") var note: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws { try decide(approve: true) }

    func decide(approve: Bool) throws {
        let opened = try station.open()
        let officer = try acting.authenticate(opened, as: .approver, to: "decide applications")
        let record = approve
            ? try opened.approve(by: officer, applicationID: id, note: note, now: Date())
            : try opened.reject(by: officer, applicationID: id, note: note, now: Date())
        let row = ApplicationRow(record)
        try Output.emit(row, json: json) { row.rows }
    }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject an application (审批人; not its applicant).",
        discussion: "Example:\n  sealstation reject 7 --officer 李审批 --passphrase-file li.pass --note 材料不全")
    @OptionGroup var decision: DecideCommand
    func run() throws { try decision.decide(approve: false) }
}

/// `sealstation issue`.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue an approved application: image, holder key and certificate, SES_Seal, all or nothing.",
        discussion: """
            --to station (default): an SM2 holder key, encrypted under the holder passphrase, written to <station>/issued/<esID>/ with its certificate chain, the seal, its image and a README.
            --to file:DIR: the same, and the same <esID>/ directory also written under DIR (a disk for the holder).
            --to token:LABEL (or token:serial:NUMBER): the key pair is generated on the PKCS#11 token and never leaves it; the holder certificate and the seal are written beside it under CKA_ID = the esID. The key algorithm follows the module's vendor profile (Templates/pkcs11/vendors.yaml): SM2 where the token has it, ECDSA P-256 otherwise (SoftHSM2). A wrong PIN changes nothing. Nothing is left behind if any step fails.

            Examples:
              sealstation issue 7 --officer 王经办 --passphrase-file wang.pass --station-passphrase-file station.pass --holder-passphrase-file holder.pass
              sealstation issue 8 --officer 王经办 --passphrase-file wang.pass --station-passphrase-file station.pass --to token:seal-holder --module /usr/lib/softhsm/libsofthsm2.so --pin-file token.pin
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: "The application id.") var id: Int64
    @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE")) var stationPassphraseFile: String?
    @Option(name: .customLong("holder-passphrase-file"), help: ArgumentHelp("The holder key's new passphrase.", valueName: "FILE")) var holderPassphraseFile: String?
    @Option(help: ArgumentHelp("Where the holder key goes: station, file:DIR or token:LABEL.", valueName: "TARGET"))
    var to: CustodyTarget = .station
    @Option(name: .customLong("maker-pin-file"), help: ArgumentHelp("The PIN of the seal-maker's token, for stations whose maker key is on one.", valueName: "FILE"))
    var makerPinFile: String?
    @OptionGroup var token: TokenOptions
    @Option(help: "Validity in days.") var days: Int = 730
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open(vendorProfiles: token.vendorProfiles)
        let officer = try acting.authenticate(opened, as: .operatorRole, to: "issue seals")
        let custody: HolderCustody
        var holderPassphrase: SecretBytes?
        switch to {
        case .station: custody = .stationFiles
        case .file(let directory): custody = .directory(URL(fileURLWithPath: directory))
        case .token(let selector): custody = .token(try token.openStore(selector))
        }
        if case .token = custody {} else {
            holderPassphrase = try secret(file: holderPassphraseFile, option: "--holder-passphrase-file", for: "the holder key", new: true)
        }
        let makerToken = try token.makerStore(custody: opened.makerCustody, pinFile: makerPinFile)
        let seal = try opened.issue(
            by: officer, applicationID: id, stationPassphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"),
            holderPassphrase: holderPassphrase, custody: custody, makerToken: makerToken, validityDays: days, now: Date())
        let row = SealRow(seal)
        try Output.emit(row, json: json) { zip(SealRow.header, row.cells).map { ($0, $1) } + [("files", row.custody)] }
    }
}

/// `sealstation change`.
struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Apply to replace an issued seal (变更): a new application naming the seal it replaces.",
        discussion: """
            The new application copies the old one's fields unless given; once approved and issued, the old seal becomes superseded.

            Example:
              sealstation change 3 --officer 王经办 --passphrase-file wang.pass --reason 印章磨损更换
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: "The seal to replace.") var sealID: Int64
    @Option(help: "Reason.") var reason: String
    @Option(help: "A new unit name.") var unit: String?
    @Option(help: "A new template.") var template: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open()
        let officer = try acting.authenticate(opened, as: .operatorRole, to: "apply to change seals")
        let old = try opened.application(try opened.seal(sealID).applicationID)
        let record = try opened.apply(by: officer, SealApplication(
            unitName: unit ?? old.unitName, creditCode: old.creditCode.value, template: template ?? old.template, useName: old.useName,
            holderName: old.holderName, holderIDNumber: old.holderIDNumber?.value, physicalCode: old.physicalCode, reason: reason,
            replacesSealID: sealID), now: Date())
        let row = ApplicationRow(record)
        try Output.emit(row, json: json) { row.rows }
    }
}

/// `sealstation revoke`.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a seal (注销; approvers), with a reason.",
        discussion: """
            The seal's holder certificate goes on the station's revocation list with --crl-reason (an RFC 5280 name: cessationOfOperation by default; keyCompromise when the holder key may be in other hands, with --invalidity-date for since when), so the next CRL (`crl issue`, or the next export) lists it.

            Examples:
              sealstation revoke 3 --officer 李审批 --passphrase-file li.pass --reason 单位注销
              sealstation revoke 4 --officer 李审批 --passphrase-file li.pass --reason 私钥泄露 --crl-reason keyCompromise --invalidity-date 2026-11-30T08:00:00Z
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: "The seal id.") var sealID: Int64
    @Option(help: "Reason.") var reason: String
    @Option(name: .customLong("crl-reason"), help: "The CRL reason code's RFC 5280 name.") var crlReason: CRLReason = .cessationOfOperation
    @Option(name: .customLong("invalidity-date"), help: ArgumentHelp("Since when the holder key is not to be trusted (ISO 8601).", valueName: "TIME"))
    var invalidityDate: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let invalidity = try invalidityDate.map { try parseTime($0) }
        let opened = try station.open()
        let seal = try opened.revoke(
            by: try acting.authenticate(opened, as: .approver, to: "revoke seals"), sealID: sealID, reason: reason, crlReason: crlReason,
            invalidityDate: invalidity, now: Date())
        let row = SealRow(seal)
        try Output.emit(row, json: json) {
            zip(SealRow.header, row.cells).map { ($0, $1) } + [("reason", reason), ("CRL reason", "\(crlReason.name) (\(crlReason.chineseName))")]
                + (invalidity.map { [("invalidity date", Output.date($0))] } ?? [])
        }
    }
}
