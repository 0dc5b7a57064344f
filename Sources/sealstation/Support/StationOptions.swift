public import ArgumentParser
import Foundation
import SealCrypto
public import SealRegistry
import SealRender
import SealStation
import SealToken
import SealResources

/// Where the station's registry is, and the templates it renders with.
struct StationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The registry file (default: $SEALSTATION_DB, else ~/.local/share/sealstation/registry.sqlite).", valueName: "PATH"))
    var db: String?

    @Option(help: ArgumentHelp("The template directory (default: $SEALSTATION_TEMPLATES, else the installed templates).", valueName: "DIR"))
    var templates: String?

    var databasePath: String { db ?? Station.defaultDatabasePath }

    func templateLibrary() throws -> TemplateLibrary {
        try TemplateLibrary(directory: DataResolver.current.templates(flag: templates))
    }

    /// The vendor profile table: `vendorProfiles` is the `--vendor-profiles` flag of the command's token options.
    func vendorProfileTable(flag vendorProfiles: String? = nil) throws -> VendorProfileTable {
        try VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles(flag: vendorProfiles))
    }

    /// Opens the station with the templates and vendor profiles found the documented way (`vendorProfiles` as in
    /// `vendorProfileTable`). Only data installed with the program (not named by a flag or variable) is pinned
    /// when a registry from before pinning is upgraded.
    func open(vendorProfiles: String? = nil) throws -> Station {
        let resolver = DataResolver.current
        let templatesFound = try resolver.locate(.templates, flag: templates)
        let profilesFound = try resolver.locate(.vendorProfiles, flag: vendorProfiles)
        return try Station.open(
            databasePath: databasePath, templates: TemplateLibrary(directory: templatesFound.url),
            vendorProfiles: VendorProfileTable(contentsOf: profilesFound.url),
            shippedData: templatesFound.source.isInstalledWithProgram && profilesFound.source.isInstalledWithProgram)
    }
}

/// The acting officer: `--officer NAME` and the passphrase (prompt or --passphrase-file).
struct OfficerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The acting officer's name.", valueName: "NAME"))
    var officer: String

    @OptionGroup var passphrase: PassphraseOptions

    /// Signs the officer in as `role` for `action` (what the command does, named in the audit record of a refusal).
    func authenticate(_ station: Station, as role: OfficerRole, to action: String? = nil) throws -> OfficerRecord {
        try station.authenticate(officer, role: role, passphrase: passphrase.existing(for: "officer \(officer)"), to: action)
    }

    /// Signs in to read personal data (any role); the read, named by `what`, is audited.
    @discardableResult
    func signInToRead(_ station: Station, what: String) throws -> OfficerRecord {
        try station.signInToRead(officer, passphrase: passphrase.existing(for: "officer \(officer)"), reading: what, now: Date())
    }
}

/// A second secret read from its own file, given by `option` (such as `--station-passphrase-file`), or a prompt.
/// `new` asks for a new one (twice on a terminal); `officer` leaves its length to the station's officer rule.
func secret(file: String?, option: String, for what: String, new: Bool = false, officer: Bool = false) throws -> SecretBytes {
    let options = PassphraseOptions(passphraseFile: file, option: option)
    return new ? try options.new(for: what, officer: officer) : try options.existing(for: what)
}

extension PassphraseOptions {
    init(passphraseFile: String?, option: String) {
        self.init()
        self.passphraseFile = passphraseFile
        self.option = option
    }
}

extension OfficerRole: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "administrator", "admin": self = .administrator
        case "approver": self = .approver
        case "auditor": self = .auditor
        case "operator": self = .operatorRole
        default: return nil
        }
    }
    public static var allValueStrings: [String] { ["administrator", "approver", "auditor", "operator"] }
}

extension SealState: ExpressibleByArgument {}
extension UseRequestState: ExpressibleByArgument {}
