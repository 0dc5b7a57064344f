import ArgumentParser
import Foundation
import SealCrypto
import SealToken

/// `sealstation token`: inspect PKCS#11 tokens (list, show, objects).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Inspect PKCS#11 tokens: list them, show one, list its objects.",
        discussion: """
            Tokens are addressed by label or serial (label:NAME, serial:NUMBER, or a bare label), never by slot number.

            Example:
              sealstation token list --module /usr/lib/softhsm/libsofthsm2.so --json
            """,
        subcommands: [TokenListCommand.self, TokenShowCommand.self, TokenObjectsCommand.self])
}

/// `sealstation token list`.
struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the initialised tokens a module offers.",
        discussion: "Example:\n  sealstation token list --module /usr/lib/softhsm/libsofthsm2.so")
    @OptionGroup var token: TokenOptions
    @Flag(help: "Include blank (uninitialised) tokens.") var all = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let tokens = try token.loadModule().tokens().filter { all || $0.initialized }
        if json {
            print(try Output.json(tokens))
        } else {
            print(Output.grid(
                header: ["label", "serial", "manufacturer", "model", "pin"],
                rows: tokens.map { [$0.label, $0.serialNumber, $0.manufacturer, $0.model, $0.userPINLocked ? "locked" : "ok"] }))
        }
    }
}

/// `sealstation token show`.
struct TokenShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one token: its description, the vendor profile that applies and its signing mechanisms.",
        discussion: "Example:\n  sealstation token show seal-holder --module /usr/lib/softhsm/libsofthsm2.so --json")
    @OptionGroup var token: TokenOptions
    @Argument(help: "The token: label:NAME, serial:NUMBER or a bare label.") var selector: String
    @Flag(help: "Print the result as JSON.") var json = false

    struct Result: Encodable {
        var module: PKCS11ModuleInfo
        var token: TokenInfo
        var vendorProfile: String
        var holderKeyAlgorithm: String
        var signingMechanisms: [String]
    }

    func run() throws {
        let module = try token.loadModule()
        let info = try module.token(TokenSelector(parsing: selector))
        let profile = try token.profile(for: module)
        let holder = profile.sm2 != nil ? KeyAlgorithm.sm2 : (profile.p256 != nil ? KeyAlgorithm.p256 : nil)
        let result = Result(
            module: try module.info(), token: info, vendorProfile: profile.id,
            holderKeyAlgorithm: holder?.displayName ?? "none",
            signingMechanisms: try module.mechanisms(slotID: info.slotID).filter(\.canSign).map { "0x" + String($0.type, radix: 16) })
        try Output.emit(result, json: json) {
            [("label", info.label), ("serial", info.serialNumber), ("manufacturer", info.manufacturer), ("model", info.model),
             ("firmware", info.firmwareVersion), ("user PIN", info.userPINLocked ? "locked" : (info.userPINInitialized ? "set" : "not set")),
             ("module", "\(result.module.path) (\(result.module.description) \(result.module.libraryVersion), Cryptoki \(result.module.cryptokiVersion))"),
             ("vendor profile", profile.id), ("holder keys", result.holderKeyAlgorithm),
             ("sign mechanisms", "\(result.signingMechanisms.count) offered")]
        }
    }
}

/// `sealstation token objects`.
struct TokenObjectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "objects",
        abstract: "List a token's objects after logging in (no secret value is ever read).",
        discussion: "Example:\n  sealstation token objects seal-holder --module /usr/lib/softhsm/libsofthsm2.so --pin-file token.pin --json")
    @OptionGroup var token: TokenOptions
    @Argument(help: "The token: label:NAME, serial:NUMBER or a bare label.") var selector: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let objects = try token.openStore(selector).objects()
        if json {
            print(try Output.json(objects))
        } else {
            print(Output.grid(
                header: ["class", "CKA_ID", "label", "detail"],
                rows: objects.map { object in
                    let detail: String
                    switch object.objectClass {
                    case .privateKey: detail = "key type \(object.keyType ?? "?"), sensitive \(object.sensitive == true ? "yes" : "no"), extractable \(object.extractable == true ? "yes" : "no")"
                    case .publicKey: detail = "key type \(object.keyType ?? "?")"
                    case .data: detail = "\(object.application ?? "") (\(object.valueLength ?? 0) bytes)"
                    default: detail = "\(object.valueLength ?? 0) bytes"
                    }
                    return [object.objectClass.rawValue, object.id, object.label, detail]
                }))
        }
    }
}
