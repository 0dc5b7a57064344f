import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SealFiling
import SealFilingService
import SealCrypto
import SealPKI

/// `sealfiling serve`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the online filing service: bundles uploaded over HTTP, verified and imported; seals, stations and CRLs queried.",
        discussion: """
            The service imports exactly as `sealfiling import` does (one transaction per bundle, the same sequence rules: a gap, a late bundle or a fork is refused with 409), into an SQLite file for one office or a PostgreSQL database for a province; any number of instances may serve one PostgreSQL database. Every /v1 route needs a client token (`sealfiling clients add`); /health, /metrics (Prometheus) and /openapi.yaml need none. A station's first bundle enrols it only when its CA certificate was given with --enrol (as delivered at enrolment). Uploads are streamed to a private directory and refused past --max-bundle-size. POST /v1/verify verifies a seal, a signature (with its document as multipart/form-data) or a stamped OFD or PDF against the enrolled and filed station CAs and their filed CRLs, and says of every seal in it whether it is filed, by which station, and whether it was revoked at the signing time; its body is refused past --max-document-size. It listens on 127.0.0.1 unless --listen names another address (behind a load balancer that terminates TLS). SIGTERM or Ctrl-C stops it after the requests in progress. With --decrypt-key and --decrypt-cert (see `sealfiling verify`) encrypted bundles (….zip.p7e) are decrypted in memory before verification; without them, or for another recipient, they are refused (422) and nothing is stored.

            Example:
              sealfiling serve --store postgres://filing@db.example/filings --db-password-file pg.pass --enrol stations/ --listen 10.0.0.5:8700
              sealfiling serve --db filings.sqlite --enrol stations/ --decrypt-key authority-enc.p8 --decrypt-cert authority-enc.pem --decrypt-key-passphrase-file enc.pass
            """)
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("The address to listen on, HOST:PORT.", valueName: "HOST:PORT")) var listen = "127.0.0.1:8700"
    @Option(help: ArgumentHelp("A station CA certificate (DER or PEM), or a directory of them, whose station may enrol; repeatable.",
                               valueName: "CERT|DIR"))
    var enrol: [String] = []
    @Option(name: .customLong("upload-dir"), help: ArgumentHelp("Where uploads in progress are kept (created 0700; default: a private directory under $TMPDIR).", valueName: "DIR"))
    var uploadDirectory: String?
    @Option(name: .customLong("max-bundle-size"), help: ArgumentHelp("The largest bundle accepted, in MiB (1–2048).", valueName: "MIB"))
    var maximumBundleSize = 2048
    @Option(name: .customLong("max-document-size"), help: ArgumentHelp("The largest seal, signature with its document, OFD or PDF POST /v1/verify accepts, in MiB (1–512).", valueName: "MIB"))
    var maximumDocumentSize = FilingService.defaultVerifyLimit >> 20
    @Option(name: .customLong("db-timeout"), help: ArgumentHelp("Seconds a request waits for the database before it is answered 503 (1–300).", valueName: "SECONDS"))
    var databaseTimeout = 15
    @Option(name: .customLong("trust-refresh"), help: ArgumentHelp("Seconds POST /v1/verify keeps the stations' CA certificates and latest CRLs before reading them again (0–300; 0: every request; at once after an import here).", valueName: "SECONDS"))
    var trustRefresh = 5
    @OptionGroup var decryption: DecryptionOptions

    func validate() throws {
        guard (1...2048).contains(maximumBundleSize) else { throw ValidationError("--max-bundle-size must be 1 to 2048 MiB") }
        guard (1...512).contains(maximumDocumentSize) else { throw ValidationError("--max-document-size must be 1 to 512 MiB") }
        guard (1...300).contains(databaseTimeout) else { throw ValidationError("--db-timeout must be 1 to 300 seconds") }
        guard (0...300).contains(trustRefresh) else { throw ValidationError("--trust-refresh must be 0 to 300 seconds") }
        _ = try Self.address(listen)
    }

    /// `HOST:PORT` or `[V6]:PORT`.
    static func address(_ text: String) throws -> (host: String, port: Int) {
        let host: Substring, port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") {
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        } else {
            throw ValidationError("--listen \(text) is not HOST:PORT")
        }
        guard !host.isEmpty, port.count <= 5, let number = Int(port), (1...65535).contains(number) else {
            throw ValidationError("--listen \(text): give a host and a port from 1 to 65535")
        }
        return (String(host), number)
    }

    func run() async throws {
        let (host, port) = try Self.address(listen)
        var certificates: [Certificate] = []
        for path in enrol { certificates += try Self.certificates(path) }
        let store = try await storeOptions.open()
        let uploads = uploadDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sealfiling-uploads-\(getpid())")
        defer { if uploadDirectory == nil { try? FileManager.default.removeItem(at: uploads) } }
        let service = try FilingService(store: store, enrolment: certificates, uploadDirectory: uploads, uploadLimit: maximumBundleSize << 20,
                                        verifyLimit: maximumDocumentSize << 20, storeTimeout: .seconds(databaseTimeout),
                                        decryption: try decryption.decryption(), trustLifetime: .seconds(trustRefresh))
        var logger = Logger(label: "sealfiling.serve")
        logger.logLevel = .notice
        let shown = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardError.write(Data("sealfiling serve: http://\(shown):\(port)/ — \(certificates.count) enrolment certificate(s); Ctrl-C stops it\n".utf8))
        try await service.application(host: host, port: port, logger: logger).runService()
    }

    /// The certificates at `path`: one file, a station CA directory (its ca-cert.der), or every .pem/.der/.crt/.cer file
    /// of a directory.
    static func certificates(_ path: String) throws -> [Certificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ValidationError("--enrol \(path) does not exist") }
        guard isDirectory.boolValue else { return [try InputFiles.certificate(path)] }
        if FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent(StationCA.certificateFileName).path) {
            return [try InputFiles.certificate(path)]
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        return try names.filter { [".pem", ".der", ".crt", ".cer"].contains(where: $0.lowercased().hasSuffix) }
            .map { try InputFiles.certificate(URL(fileURLWithPath: path).appendingPathComponent($0).path) }
    }
}
