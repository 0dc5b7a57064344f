public import ArgumentParser
import Foundation
import SealASN1
import SealCommandLine
import SealCrypto
import SealPKI
public import SealSES
import SealViews

extension SealType: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "unit", "单位": self = .unit
        case "personal", "个人": self = .personal
        default: return nil
        }
    }

    public var defaultValueDescription: String { self == .unit ? "unit" : "personal" }
    public static var allValueStrings: [String] { ["unit", "personal"] }
}

/// `sealstation seal …`: make, show and verify electronic seals (电子印章).
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Make, show and verify electronic seals (GB/T 38540 SES_Seal; GM/T 0031-2014 seals are read).",
        subcommands: [Make.self, Show.self, Verify.self])
}

extension SealCommand {
    /// `sealstation seal make`.
    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract: "Make a GB/T 38540 (v4) seal signed by the seal maker.",
            discussion: """
                The picture (PNG or SVG, told from its bytes) is shown --width-mm × --height-mm. The holders are the certificates allowed to sign with the seal. The maker key signs the DER of SES_SealInfo with SM2/SM3 and the ID 1234567812345678. Dates are ISO 8601 (a date alone means 00:00:00Z, or 23:59:59Z for --valid-to).

                Example:
                  sealstation seal make --image seal.png --name 北京某某科技发展有限公司合同专用章 --type unit --holder-cert holder.cert.der --valid-from 2026-11-25 --valid-to 2028-11-24 --maker-key maker.p8 --maker-cert maker.cert.der --out contract.sel --passphrase-file maker.pass
                """)

        @Option(help: ArgumentHelp("The seal picture, PNG or SVG.", valueName: "FILE"))
        var image: String

        @Option(help: "Picture display width in millimetres.")
        var widthMM: Int = 42

        @Option(help: "Picture display height in millimetres.")
        var heightMM: Int = 42

        @Option(help: "印章名称, as filed.")
        var name: String

        @Option(help: "unit (单位印章) or personal (个人印章).")
        var type: SealType

        @Option(name: .customLong("holder-cert"), help: ArgumentHelp("A holder certificate; repeatable.", valueName: "CERT"))
        var holderCerts: [String]

        @Flag(help: "List holders by SM3 certificate digest (certListType 2) instead of by certificate.")
        var byDigest = false

        @Option(name: .customLong("valid-from"), help: ArgumentHelp("Start of validity.", valueName: "TIME"))
        var validFrom: String

        @Option(name: .customLong("valid-to"), help: ArgumentHelp("End of validity.", valueName: "TIME"))
        var validTo: String

        @Option(name: .customLong("maker-key"), help: ArgumentHelp("The seal maker's encrypted key.", valueName: "KEY.p8"))
        var makerKey: String

        @Option(name: .customLong("maker-cert"), help: ArgumentHelp("The seal maker's certificate.", valueName: "CERT"))
        var makerCert: String

        @Option(help: "电子印章标识 (ASCII; default: 32 random hex digits).")
        var esid: String?

        @Option(help: "厂商标识 (SES_Header.Vid).")
        var vid: String = SealMakingRequest.defaultVendorID

        @Option(help: ArgumentHelp("The seal file to create.", valueName: "X.sel"))
        var out: String

        @OptionGroup var passphrase: PassphraseOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let imageBytes = try ProtectedFile.read(image)
            let format = SealPicture.Format.png.matches(imageBytes) ? "PNG" : (SealPicture.Format.svg.matches(imageBytes) ? "SVG" : "unknown")
            let holders = try holderCerts.map { try InputFile.parse($0, as: .certificate) { try Certificate(derOrPEM: $0) } }
            let makerCertificate = try InputFile.parse(makerCert, as: .certificate) { try Certificate(derOrPEM: $0) }
            let request = SealMakingRequest(
                vendorID: vid, esID: try esid ?? SealMakingRequest.randomESID(), type: type, name: name, holders: holders,
                listHoldersByDigest: byDigest, createDate: Date(), validStart: try parseTime(validFrom),
                validEnd: try parseTime(validTo, endOfDay: true),
                picture: SealPicture(type: format, data: imageBytes, widthMM: widthMM, heightMM: heightMM))
            let key = try KeyFile.unlock(
                makerKey, passphrase: passphrase.existing(for: makerKey), certificate: makerCertificate, role: "seal-maker")
            let seal = try SealMaker.make(request, makerKey: key, makerCertificate: makerCertificate)
            try ProtectedFile.write(seal.derEncoded, to: out, mode: ProtectedFile.publicMode)
            let summary = SealSummary(seal, path: out)
            try Output.emit(summary, json: json) { summary.rows }
        }
    }

    /// `sealstation seal show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a seal's fields (any version); optionally extract its picture.",
            discussion: """
                Example:
                  sealstation seal show contract.sel --extract-image contract.png
                """)

        @Argument(help: ArgumentHelp("The seal file.", valueName: "X.sel"))
        var seal: String

        @Option(name: .customLong("extract-image"), help: ArgumentHelp("Write the picture bytes to FILE.", valueName: "FILE"))
        var extractImage: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let parsed = try InputFile.parse(seal, as: .seal, limit: sesMaximumInputSize) { try ElectronicSeal(derEncoded: $0) }
            if let extractImage {
                try ProtectedFile.write(parsed.picture.data, to: extractImage, mode: ProtectedFile.publicMode)
            }
            let summary = SealSummary(parsed, path: seal)
            try Output.emit(summary, json: json) { summary.rows }
        }
    }

    /// `sealstation seal verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a seal: maker signature, maker certificate, validity, picture, holder list.",
            discussion: """
                Exit code 0 only when every check passes; 2 when any fails (each failure is named). --at evaluates the validity window at a given instant (for old seals). Deviations from the standard that are accepted (raw r‖s signature values, an encoded critical FALSE) are listed.

                With --crl the maker certificate is looked up at the seal's creation and the holder certificates at --at (default now): a seal whose holder certificate was revoked (注销, 变更) before then does not verify; one whose maker key was compromised never does. A stale CRL is reported, not trusted; --require-crl makes a missing status a failure.

                Example:
                  sealstation seal verify contract.sel --ca station/ca
                  sealstation seal verify contract.sel --ca station/ca --crl station-ca.crl --require-crl
                  sealstation seal verify UserV4.esl --no-trust-check --at 2021-01-01T00:00:00Z
                """)

        @Argument(help: ArgumentHelp("The seal file.", valueName: "X.sel"))
        var seal: String

        @OptionGroup var trust: TrustOptions

        @OptionGroup var revocation: RevocationOptions

        @Option(help: ArgumentHelp("Evaluate validity at this ISO 8601 time instead of now.", valueName: "TIME"))
        var at: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let parsed = try InputFile.parse(seal, as: .seal, limit: sesMaximumInputSize) { try ElectronicSeal(derEncoded: $0) }
            let verifier = SealVerifier(
                trust: try trust.policy, intermediates: try trust.intermediates, revocation: try revocation.checker(now: Date()))
            try emitVerification(verifier.verify(parsed, at: try at.map { try parseTime($0) } ?? Date()), json: json)
        }
    }
}
