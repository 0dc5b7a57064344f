import ArgumentParser
import Foundation
import SealCommandLine
import SealFiling
import SealFilingService
import SealPKI

/// `sealfiling clients`: the systems allowed to use the filing service.
struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients",
        abstract: "Manage the filing service's clients and their bearer tokens.",
        discussion: """
            Each client (a city's intake system, a courier desk) has a bearer token; only its SHA-256 is stored, so the token is shown once, when the client is added. A revoked client's token is refused from then on; its name is not reused.

            Example:
              sealfiling clients add city-intake --store postgres://filing@db.example/filings --token-file city-intake.token
            """,
        subcommands: [Add.self, Revoke.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a client and make its bearer token.",
            discussion: """
                The token is printed once (or written to --token-file, 0600, which must not exist yet).

                Example:
                  sealfiling clients add city-intake --db filings.sqlite --token-file city-intake.token
                """)
        @Argument(help: "The client's name (1–64 letters, digits, '.', '_' or '-').") var name: String
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .customLong("token-file"), help: ArgumentHelp("Write the token to this new file (0600) instead of printing it.", valueName: "FILE"))
        var tokenFile: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
            else { throw ValidationError("client name \(name): 1 to 64 letters, digits, '.', '_' or '-'") }
        }

        struct Added: Encodable {
            var name: String
            var addedAt: Date
            var token: String?
            var tokenFile: String?
        }

        func run() async throws {
            let store = try await storeOptions.open()
            let token = try ClientToken.generate()
            if let tokenFile {
                guard !FileManager.default.fileExists(atPath: tokenFile) else { throw ValidationError("--token-file \(tokenFile) exists; choose a new file") }
            }
            let record = FilingClientRecord(name: name, tokenSHA256: try token.sha256(), addedAt: Date())
            try await store.addClient(record)
            if let tokenFile {
                guard FileManager.default.createFile(atPath: tokenFile, contents: Data((token.text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    _ = try await store.revokeClient(name: name, at: Date())
                    throw ValidationError("--token-file \(tokenFile) could not be written; the client was revoked again")
                }
            }
            let added = Added(name: name, addedAt: record.addedAt, token: tokenFile == nil ? token.text : nil, tokenFile: tokenFile)
            try Output.emit(added, json: json) {
                [("client", name), ("added", Output.date(record.addedAt)), tokenFile.map { ("token file", $0) } ?? ("token", token.text),
                 ("note", "the token is shown only now; the service keeps its SHA-256")]
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a client: its token is refused from now on.",
            discussion: """
                Example:
                  sealfiling clients revoke city-intake --db filings.sqlite
                """)
        @Argument(help: "The client's name.") var name: String
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            guard let client = try await storeOptions.open(mustExist: true).revokeClient(name: name, at: Date()) else {
                throw ValidationError("there is no client named \(name)")
            }
            try Output.emit(ClientRow(client), json: json) { [("client", client.name), ("revoked", client.revokedAt.map(Output.date) ?? "-")] }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the clients.",
            discussion: """
                Example:
                  sealfiling clients list --db filings.sqlite --json
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let rows = try await storeOptions.open(mustExist: true).clients().map(ClientRow.init)
            if json {
                print(try Output.json(rows))
            } else if rows.isEmpty {
                print("no clients")
            } else {
                print(Output.grid(header: ["client", "added", "revoked"], rows: rows.map { [$0.name, Output.date($0.addedAt), $0.revokedAt.map(Output.date) ?? "-"] }))
            }
        }
    }

    /// A client as listed (never its token's hash).
    struct ClientRow: Encodable {
        var name: String
        var addedAt: Date
        var revokedAt: Date?

        init(_ record: FilingClientRecord) {
            name = record.name
            addedAt = record.addedAt
            revokedAt = record.revokedAt
        }
    }
}
