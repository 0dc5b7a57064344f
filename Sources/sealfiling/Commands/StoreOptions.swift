import ArgumentParser
import Foundation
import SealFiling
import SealFilingPostgres
import SealPKI

/// Which filing registry a command uses: `--db PATH` (an SQLite file, for one office) or `--store sqlite:PATH |
/// postgres://USER@HOST:PORT/DATABASE` (PostgreSQL, for a city or province), with the database password from a file.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The online filing registry as an SQLite file (the same as --store sqlite:PATH).", valueName: "PATH"))
    var db: String?
    @Option(help: ArgumentHelp(
        "The filing registry: sqlite:PATH, or postgres://USER@HOST:PORT/DATABASE (postgres://USER@/DATABASE?host=/run/postgresql for a Unix socket; sslmode=disable|prefer|require).",
        valueName: "STORE"))
    var store: String?
    @Option(name: .customLong("db-password-file"), help: ArgumentHelp("A file (0600) holding the PostgreSQL password, if the server asks for one.", valueName: "FILE"))
    var passwordFile: String?

    func validate() throws {
        switch (db, store) {
        case (nil, nil): throw ValidationError("give the filing registry: --db PATH or --store sqlite:PATH|postgres://…")
        case (.some, .some): throw ValidationError("give --db or --store, not both")
        default: break
        }
        if let store, !store.hasPrefix("sqlite:") && !store.hasPrefix("postgres://") && !store.hasPrefix("postgresql://") {
            throw ValidationError("--store \(store) is neither sqlite:PATH nor postgres://…")
        }
        if passwordFile != nil, !(store?.hasPrefix("postgres") ?? false) { throw ValidationError("--db-password-file goes with --store postgres://…") }
    }

    /// The SQLite file named, if the registry is one.
    var sqlitePath: String? { db ?? store.flatMap { $0.hasPrefix("sqlite:") ? String($0.dropFirst("sqlite:".count)) : nil } }

    /// Opens the registry; `mustExist` refuses an SQLite file that is not there (a query never creates one).
    func open(mustExist: Bool = false) async throws -> any FilingStore {
        if let path = sqlitePath {
            if mustExist, !FileManager.default.fileExists(atPath: path) { throw ValidationError("\(path) does not exist") }
            return try SQLiteFilingStore(path: path)
        }
        var password: String?
        if let passwordFile {
            // The first line of a file private to its owner (others' access refused, naming chmod 600).
            let bytes = try ProtectedFile.readSecret(passwordFile, limit: 64 << 10)
            password = String(decoding: bytes.prefix { $0 != 0x0a && $0 != 0x0d }, as: UTF8.self)
        }
        return try await PostgresFilingStore.open(try PostgresLocation(url: store ?? "", password: password))
    }
}
