import ArgumentParser
import Dispatch
import Foundation
import Hummingbird
import SealConsole
import SealStation

/// `sealstation serve`: the officers' console, a web application on a loopback address.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the officers' console (Chinese web pages) on a loopback address.",
        discussion: """
            The console listens on loopback only (127.0.0.0/8 or ::1; localhost when it resolves to loopback only): any other address is refused at start. A request whose Host header is not the listen address is refused (no DNS rebinding); pages load nothing from outside the program (templates and style sheet ship with it: --console-assets DIR, $SEALSTATION_CONSOLE, the install prefix, the package resources). Officers sign in with their name and passphrase as on the command line (same hashes, lockout and audit). Stop it with Ctrl-C.

            Every workflow has its page: 申请 (with a live preview of the seal at true size), 审批, 制作 (station, file or token custody), 查询, 变更, 注销, 用印 and its approval, 签章 (any file → .ses; OFD → the stamped OFD), 验章, 用印日志 (CSV), 审计, 备案 export and 备份 (long work runs as a job with a progress page). Acts with the force of a seal ask for the officer's passphrase again; key passphrases and PINs are used for that one request and never kept.

            Example:
              sealstation serve --listen 127.0.0.1:8600 --db /srv/station/registry.sqlite
            """)

    @Option(help: ArgumentHelp("The loopback address and port to listen on.", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8600"

    @Option(name: .customLong("console-assets"), help: ArgumentHelp("The console's templates (default: $SEALSTATION_CONSOLE, else the installed ones).", valueName: "DIR"))
    var consoleAssets: String?

    @Option(help: ArgumentHelp("The PKCS#11 module for 制作 to a token and 签章 with token-held seals (default: $SEALSTATION_PKCS11_MODULE, else SoftHSM2's).", valueName: "PATH"))
    var module: String?

    @Option(name: .customLong("upload-limit"), help: ArgumentHelp("The largest upload accepted (a document to stamp or verify), in MiB (1–1024).", valueName: "MIB"))
    var uploadLimit = ConsoleApplication.defaultUploadLimit / (1024 * 1024)

    @OptionGroup var station: StationOptions

    func validate() throws {
        guard (1...1024).contains(uploadLimit) else { throw ValidationError("--upload-limit must be 1–1024 MiB") }
    }

    func run() throws {
        // Refused before anything is opened or bound.
        let address = try ListenAddress(parsing: listen)
        let assets = try ConsoleApplication.assets(flag: consoleAssets)
        let opened = try station.open()
        let outcome = ServeOutcome()
        Task {
            do {
                let console = try await ConsoleApplication(
                    station: opened, listen: address, assets: assets, uploadLimit: uploadLimit * 1024 * 1024, tokens: ConsoleTokens(modulePath: module))
                let shown = address.host.contains(":") ? "[\(address.host)]" : address.host
                print("sealstation console: http://\(shown):\(address.port)/ (Ctrl-C stops it)")
                try await console.application().runService()
            } catch {
                outcome.fail(error)
            }
            outcome.finish()
        }
        try outcome.wait()
    }
}

/// How the console's server task ended, handed to the synchronous command.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func fail(_ error: any Error) { lock.withLock { self.error = error } }
    func finish() { done.signal() }

    func wait() throws {
        done.wait()
        if let error = lock.withLock({ error }) { throw error }
    }
}
