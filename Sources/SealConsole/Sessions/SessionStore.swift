import Foundation
import SealCrypto
import SealRegistry

/// The server-side sessions: created with random ids, expired after `idleLimit` without a request and `absoluteLimit`
/// in all, removed at sign-out. The clock is injected (tests move it).
actor SessionStore {
    /// 10 minutes without a request.
    static let idleLimit: TimeInterval = 10 * 60
    /// 8 hours in all.
    static let absoluteLimit: TimeInterval = 8 * 60 * 60
    /// Sessions of the sign-in form (no officer yet) kept at most; past it the oldest goes, so requests for the form
    /// cannot fill the server's memory. Signed-in sessions are never evicted for it.
    static let anonymousLimit = 1_000

    private var sessions: [String: ConsoleSession] = [:]
    /// Counts sessions as they are made: the order among sessions last seen at the same instant.
    private var made: UInt64 = 0
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// A new session, for `officer` or (nil) for the sign-in form.
    func create(for officer: OfficerRecord?) throws -> ConsoleSession {
        let time = now()
        // Expired sessions go when new ones come: the store never outgrows the live ones by much.
        sessions = sessions.filter { !Self.expired($0.value, at: time) }
        if officer == nil {
            let anonymous = sessions.values.filter { $0.officer == nil }
            if anonymous.count >= Self.anonymousLimit {
                for old in anonymous.sorted(by: { ($0.lastSeen, $0.serial) < ($1.lastSeen, $1.serial) }).prefix(anonymous.count - Self.anonymousLimit + 1) {
                    sessions[old.id] = nil
                }
            }
        }
        made += 1
        let session = ConsoleSession(
            id: try Self.randomToken(), csrfToken: try Self.randomToken(), officer: officer, createdAt: time, lastSeen: time, serial: made)
        sessions[session.id] = session
        return session
    }

    /// The live session `id`, its idle clock restarted; nil (and removed) when it has expired.
    func touch(_ id: String) -> ConsoleSession? {
        guard var session = sessions[id] else { return nil }
        let time = now()
        if Self.expired(session, at: time) {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = time
        sessions[id] = session
        return session
    }

    static func expired(_ session: ConsoleSession, at time: Date) -> Bool {
        time.timeIntervalSince(session.lastSeen) > idleLimit || time.timeIntervalSince(session.createdAt) > absoluteLimit
    }

    /// Ends session `id`.
    func remove(_ id: String) {
        sessions[id] = nil
    }

    /// Whether `id` is a session the server holds (expired or not); for tests of sign-out.
    func holds(_ id: String) -> Bool { sessions[id] != nil }

    /// The sessions held: signed in, and of the sign-in form.
    func counts() -> (signedIn: Int, anonymous: Int) {
        let anonymous = sessions.values.filter { $0.officer == nil }.count
        return (sessions.count - anonymous, anonymous)
    }

    /// 32 random bytes, base64url without padding.
    static func randomToken() throws -> String {
        Data(try SecureRandom.bytes(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
