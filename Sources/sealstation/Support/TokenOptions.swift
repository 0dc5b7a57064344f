import ArgumentParser
import Foundation
import SealCommandLine
import SealCrypto
import SealRegistry
import SealToken
import SealResources

/// How a command reaches a PKCS#11 token: the module, the vendor profile and the user PIN (file or no-echo prompt).
struct TokenOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The PKCS#11 module (default: $SEALSTATION_PKCS11_MODULE, else SoftHSM2's).", valueName: "PATH"))
    var module: String?

    @Option(
        name: .customLong("vendor-profile"),
        help: ArgumentHelp("The vendor profile to use (default: the one matching the module).", valueName: "ID"))
    var vendorProfile: String?

    @Option(
        name: .customLong("vendor-profiles"),
        help: ArgumentHelp(
            "The vendor profile file (default: $SEALSTATION_VENDOR_PROFILES, else the installed pkcs11/vendors.yaml).",
            valueName: "FILE"))
    var vendorProfiles: String?

    @Option(
        name: .customLong("pin-file"),
        help: ArgumentHelp("Read the token user PIN from the first line of FILE (0600) instead of prompting.", valueName: "FILE"))
    var pinFile: String?

    var modulePath: String {
        module ?? ProcessInfo.processInfo.environment["SEALSTATION_PKCS11_MODULE"] ?? SoftHSM2.modulePath
    }

    func loadModule() throws -> PKCS11Module { try PKCS11Module.shared(path: modulePath) }

    /// The vendor profile for `module`: the one named, else the first that matches it.
    func profile(for module: PKCS11Module) throws -> VendorProfile {
        let table = try VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles(flag: vendorProfiles))
        if let vendorProfile { return try table.profile(vendorProfile) }
        let info = try module.info()
        guard let profile = table.profile(for: info) else {
            throw PKCS11Error.noVendorProfile(module: "\(info.path) (\(info.manufacturer))", algorithm: "SM2 or P-256")
        }
        return profile
    }

    /// A logged-in key store on the token `selector` names, the user PIN from --pin-file or a no-echo prompt.
    func openStore(_ selector: String) throws -> TokenKeyStore {
        try openStore(selector, pinFile: pinFile, option: "--pin-file", role: "token")
    }

    /// A logged-in key store on the token `selector` names, the user PIN from `pinFile` (given by `option`) or a
    /// no-echo prompt that names the token's `role`.
    func openStore(_ selector: String, pinFile: String?, option: String, role: String) throws -> TokenKeyStore {
        let module = try loadModule()
        let profile = try profile(for: module)
        let session = try module.openSession(TokenSelector(parsing: selector))
        if let pinFile {
            try session.login(pin: PassphraseOptions.read(file: pinFile))
        } else {
            try session.login(pin: SecretSource.prompt(
                "User PIN for the \(role) \(selector): ", what: "user PIN for the \(role) \(selector)", option: option))
        }
        return TokenKeyStore(session: session, profile: profile)
    }

    /// The maker's token for a station whose seal-maker key is on one, else nil; the PIN from `pinFile`
    /// (`--maker-pin-file`, never the holder's --pin-file) or a prompt. The token is found by the serial recorded
    /// (``KeyCustody/tokenSelector``), which a relabelled token cannot fake.
    func makerStore(custody: KeyCustody?, pinFile: String?) throws -> TokenKeyStore? {
        guard let selector = custody?.tokenSelector else { return nil }
        return try openStore(selector, pinFile: pinFile, option: "--maker-pin-file", role: "seal-maker token")
    }
}

/// Where `issue --to` puts the holder key: `station` (default), `file:DIR` or `token:LABEL` / `token:serial:NUMBER`.
enum CustodyTarget: ExpressibleByArgument {
    case station
    case file(String)
    case token(String)

    init?(argument: String) {
        if argument == "station" {
            self = .station
        } else if argument.hasPrefix("file:"), argument.count > 5 {
            self = .file(String(argument.dropFirst(5)))
        } else if argument.hasPrefix("token:"), argument.count > 6 {
            self = .token(String(argument.dropFirst(6)))
        } else {
            return nil
        }
    }
}
