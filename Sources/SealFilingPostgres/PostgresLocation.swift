import Foundation

/// Where the PostgreSQL filing database is, from a libpq-style URL: `postgres://USER@HOST:PORT/DATABASE` over TCP, or
/// `postgres://USER@/DATABASE?host=/run/postgresql` over the server's Unix socket in that directory. `sslmode=disable`,
/// `prefer` (the default over TCP) or `require` sets TLS. The password is never part of the URL (a URL is typed on
/// command lines and shows in process lists): it comes from a file (``password``).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the server is reached.
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file (`DIRECTORY/.s.PGSQL.PORT`).
        case unixSocket(path: String)
    }

    /// TLS over TCP.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var endpoint: Endpoint
    public var username: String
    public var database: String
    public var tls: TLSMode
    /// The password, if the server asks for one.
    public var password: String?

    /// Parses `url`.
    /// - Throws: ``PostgresLocationError`` naming what is wrong with it.
    public init(url text: String, password: String? = nil) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw PostgresLocationError.notPostgresURL(text)
        }
        guard components.password == nil else { throw PostgresLocationError.passwordInURL }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        var port = 5432
        if let value = components.port {
            guard (1...65535).contains(value) else { throw PostgresLocationError.badPort(String(value)) }
            port = value
        } else if let value = query["port"] {
            guard let number = Int(value), (1...65535).contains(number) else { throw PostgresLocationError.badPort(value) }
            port = number
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw PostgresLocationError.noDatabase(text) }
        let host = query["host"] ?? components.host ?? ""
        if host.hasPrefix("/") {
            endpoint = .unixSocket(path: URL(fileURLWithPath: host).appendingPathComponent(".s.PGSQL.\(port)").path)
        } else if !host.isEmpty {
            endpoint = .tcp(host: host, port: port)
        } else {
            endpoint = .unixSocket(path: "/var/run/postgresql/.s.PGSQL.\(port)")
        }
        guard let user = components.user ?? query["user"], !user.isEmpty else { throw PostgresLocationError.noUser(text) }
        username = user
        self.database = database
        switch query["sslmode"] {
        case nil: tls = .prefer
        case let mode?:
            guard let value = TLSMode(rawValue: mode) else { throw PostgresLocationError.badSSLMode(mode) }
            tls = value
        }
        self.password = password
    }

    /// The location without its password, as logs and messages show it.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): return "postgres://\(username)@\(host):\(port)/\(database)"
        case .unixSocket(let path): return "postgres://\(username)@/\(database)?host=\(URL(fileURLWithPath: path).deletingLastPathComponent().path)"
        }
    }
}

/// Why a PostgreSQL URL was refused.
public enum PostgresLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPostgresURL(String)
    case passwordInURL
    case badPort(String)
    case noDatabase(String)
    case noUser(String)
    case badSSLMode(String)

    public var description: String {
        switch self {
        case .notPostgresURL(let text): return "\(text) is not a postgres://USER@HOST:PORT/DATABASE URL"
        case .passwordInURL:
            return "the PostgreSQL URL holds a password; command lines are visible to every user of the machine — put the password in a file (0600) and name it with --db-password-file"
        case .badPort(let port): return "the PostgreSQL port \(port) is not a number from 1 to 65535"
        case .noDatabase(let text): return "\(text) names no database (postgres://USER@HOST/DATABASE)"
        case .noUser(let text): return "\(text) names no user (postgres://USER@HOST/DATABASE)"
        case .badSSLMode(let mode): return "sslmode=\(mode) is not disable, prefer or require"
        }
    }
}
