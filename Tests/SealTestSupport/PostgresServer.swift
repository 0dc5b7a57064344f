public import Foundation
import Synchronization

/// A private PostgreSQL server (Debian's postgresql) for tests: a cluster initialised in a temporary directory — one
/// `initdb` per test process, copied for each server — listening only on a Unix socket in that directory, with trust
/// authentication for its one user. Run as root (CI), every server command runs as the `postgres` system user (setpriv), since
/// PostgreSQL refuses to run as root. Stopped and removed when the value is deinitialised.
public final class PostgresServer: @unchecked Sendable {
    /// The cluster's superuser.
    public static let user = "sealtest"
    /// The directory holding the cluster (`data/`), its log and its socket.
    public let directory: URL
    private var running = false
    /// Settings given to the server beyond the defaults (`name=value`, as `postgres -c` takes them).
    private let settings: [String]

    /// The cluster's data directory.
    public var dataDirectory: String { directory.appendingPathComponent("data").path }
    /// The directory of the server's socket (`.s.PGSQL.5432`).
    public var socketDirectory: String { directory.path }

    /// Initialises (from the process's template cluster) and starts a server. The defaults suit tests (no fsync,
    /// 64 MB of shared buffers); `settings` (`name=value`) override them, as a benchmark does.
    public init(settings: [String] = []) throws {
        self.settings = settings
        let template = try Self.template.get()
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("sealpg-\(UUID().uuidString.prefix(8))")
        let copy = try ExternalTool.run("cp", ["-a", template.path, directory.path])
        guard copy.succeeded else { throw Failure(step: "copy the template cluster", output: copy.stderr) }
        Self.started.withLock { _ = $0.insert(directory.path) }
        try start()
    }

    deinit {
        if running { _ = try? Self.asServerUser(Self.binary("pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]) }
        Self.started.withLock { _ = $0.remove(directory.path) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The directories of the servers this process started and has not removed: stopped and removed when the process
    /// exits, whatever a test left behind.
    private static let started: Mutex<Set<String>> = {
        atexit {
            for path in PostgresServer.started.withLock({ $0 }) {
                _ = try? PostgresServer.asServerUser(PostgresServer.binary("pg_ctl"), ["-D", path + "/data", "-m", "immediate", "-w", "stop"])
                try? FileManager.default.removeItem(atPath: path)
            }
            try? FileManager.default.removeItem(atPath: "/tmp/sealpg-template-\(getpid())")
        }
        return Mutex([])
    }()

    /// Starts the server (after ``stop(_:)``).
    public func start() throws {
        let options = "-c listen_addresses='' -k \(socketDirectory) -c unix_socket_permissions=0700 -c fsync=off -c full_page_writes=off "
            + "-c max_connections=300 -c shared_buffers=64MB" + settings.map { " -c \($0)" }.joined()
        let result = try Self.asServerUser(
            Self.binary("pg_ctl"), ["-D", dataDirectory, "-l", directory.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o", options, "start"])
        guard result.succeeded else { throw Failure(step: "start", output: result.stdout + result.stderr + log) }
        running = true
    }

    /// How ``stop(_:)`` stops the server.
    public enum StopMode: String, Sendable {
        /// Waits for nothing: the server's processes exit at once (as after a crash), recovered at the next start.
        case immediate
        /// Rolls back open transactions and disconnects every client.
        case fast
    }

    /// Stops the server.
    public func stop(_ mode: StopMode = .fast) throws {
        let result = try Self.asServerUser(Self.binary("pg_ctl"), ["-D", dataDirectory, "-m", mode.rawValue, "-w", "stop"])
        guard result.succeeded else { throw Failure(step: "stop", output: result.stdout + result.stderr) }
        running = false
    }

    /// Creates database `name` and returns its URL (`postgres://sealtest@/NAME?host=DIRECTORY`).
    public func createDatabase(_ name: String) throws -> String {
        _ = try psql("postgres", "CREATE DATABASE \"\(name)\"")
        return url(name)
    }

    /// The URL of database `name`.
    public func url(_ name: String) -> String { "postgres://\(Self.user)@/\(name)?host=\(socketDirectory)" }

    /// Runs `sql` with psql on `database` and returns what it printed (unaligned, tuples only).
    public func psql(_ database: String, _ sql: String) throws -> String {
        let result = try ExternalTool.run(
            Self.binary("psql"), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-U", Self.user, "-d", database, "-c", sql])
        guard result.succeeded else { throw Failure(step: "psql \(sql.prefix(60))", output: result.stderr) }
        return result.stdout
    }

    /// Every row of every table in `tables` of `database`, as JSON lines in a stable order: "nothing changed" checks.
    public func dump(_ database: String, tables: [String]) throws -> String {
        try tables.map { table in
            "-- \(table)\n" + (try psql(database, "SELECT row_to_json(t)::text AS r FROM \(table) t ORDER BY r"))
        }.joined()
    }

    /// The server's log so far.
    public var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
    }

    /// A server command that failed.
    public struct Failure: Error, CustomStringConvertible {
        public let step: String
        public let output: String
        public var description: String { "PostgreSQL test server: \(step) failed: \(output)" }
    }

    // MARK: - The cluster every server is copied from

    /// One initdb per process, under /tmp (owned by `postgres` when run as root).
    private static let template: Result<URL, any Error> = Result {
        let fm = FileManager.default
        // Templates of test processes that have ended.
        for name in (try? fm.contentsOfDirectory(atPath: "/tmp")) ?? [] where name.hasPrefix("sealpg-template-") {
            if let pid = Int32(name.dropFirst("sealpg-template-".count)), kill(pid, 0) != 0 {
                try? fm.removeItem(atPath: "/tmp/" + name)
            }
        }
        let directory = URL(fileURLWithPath: "/tmp/sealpg-template-\(getpid())")
        try? fm.removeItem(at: directory)
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if getuid() == 0 {
            let owned = try ExternalTool.run("chown", ["postgres:postgres", directory.path])
            guard owned.succeeded else { throw Failure(step: "chown the cluster to postgres", output: owned.stderr) }
        }
        let result = try asServerUser(
            binary("initdb"),
            ["-D", directory.appendingPathComponent("data").path, "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        guard result.succeeded else { throw Failure(step: "initdb", output: result.stdout + result.stderr) }
        return directory
    }

    /// A program of Debian's PostgreSQL server packages (the newest version installed).
    static func binary(_ name: String) throws -> String {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        guard let version = versions.last, FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/\(name)") else {
            throw ExternalTool.ToolMissing(name: "PostgreSQL's \(name) (Debian's postgresql)")
        }
        return "/usr/lib/postgresql/\(version)/bin/\(name)"
    }

    /// Runs a server program, as the `postgres` user when the tests run as root (setpriv execs it, no PAM session), from
    /// /tmp, which that user may enter, with every descriptor above 2 closed first: Foundation's Process learns that a
    /// child ended when a socket the child inherited closes, and the postmaster `pg_ctl start` leaves running would
    /// otherwise hold it open for ever.
    static func asServerUser(_ program: String, _ arguments: [String]) throws -> ExternalTool.Result {
        let closeAndExec = #"for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec "$@""#
        let command = getuid() == 0 ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", program] : [program]
        return try ExternalTool.run("/bin/bash", ["-c", closeAndExec, "bash"] + command + arguments, currentDirectory: URL(fileURLWithPath: "/tmp"))
    }
}
