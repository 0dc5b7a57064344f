import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import SealBundle
import SealCrypto
import SealFiling
import SealFilingPostgres
import SealFilingService
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// Faults in the middle of an import. Another session holds `filed_seal` locked, so the service's import has written
/// the station, the bundle and its audit records in its transaction and waits to write the seals; then the database
/// restarts, or the service is killed.
@Suite("sealfiling serve: a database restart or a killed server during an import", .serialized)
struct FilingServiceFaultTests {
    @Test("PostgreSQL restarted during an import: the client gets 503 with Retry-After, nothing is stored, the retry imports it")
    func databaseRestart() async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let bundle = try Data(contentsOf: URL(fileURLWithPath: try office.export().path))
        let server = try PostgresServer()
        let url = try server.createDatabase("filings")
        let store = try await PostgresFilingStore.open(try PostgresLocation(url: url))
        let token = try ClientToken.generate()
        try await store.addClient(FilingClientRecord(name: "intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let service = try FilingService(store: store, enrolment: [office.station.ca.certificate],
                                        uploadDirectory: office.directory.url.appendingPathComponent("uploads"), storeTimeout: .seconds(20))
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let port = try #require(client.port)
            let holder = try Self.lockSeals(server, "filings")
            let upload = Task { try await Self.upload(bundle, port: port, token: token) }
            try await Self.waitForBlockedImport(server, "filings")
            try server.stop(.fast)
            holder.waitUntilExit()  // its session ended with the server
            let answer = try await upload.value
            #expect(answer.status == 503, "\(answer)")
            #expect(answer.code == "unavailable" && answer.retryAfter == "5" && answer.message.contains("nothing was stored"), "\(answer)")
            try server.start()
            #expect(try Self.counts(server, "filings") == "0|0|0", "nothing of the bundle was stored")
            var retried = 0
            for _ in 0..<20 {
                retried = try await Self.upload(bundle, port: port, token: token).status
                if retried != 503 { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(retried == 201)
            #expect(try Self.counts(server, "filings") == "1|1|1")
        }
    }

    @Test("sealfiling serve killed with SIGKILL during an import: no partial bundle; a new server imports the retry; clients add and revoke from the command line")
    func serverKilled() async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let bundle = try Data(contentsOf: URL(fileURLWithPath: try office.export().path))
        let server = try PostgresServer()
        let url = try server.createDatabase("filings")
        let ca = office.directory.path("station-ca.der")
        try Data(office.station.ca.certificate.derEncoded).write(to: URL(fileURLWithPath: ca))
        let tokenFile = office.directory.path("intake.token")
        let added = try FilingQueryCommandTests.run(["clients", "add", "intake", "--store", url, "--token-file", tokenFile, "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int == 0o600)
        let tokenText = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let token = try #require(ClientToken(presented: tokenText))
        #expect(!added.stdout.contains(tokenText), "the token goes to the file only")
        #expect(try server.psql("filings", "SELECT token_sha256 FROM filing_client").contains(try token.sha256()))

        let port = try Self.freePort()
        var serve = try Self.serve(url: url, port: port, ca: ca, directory: office.directory)
        defer { if serve.isRunning { serve.terminate() } }
        try await Self.waitForHealth(port: port)
        let holder = try Self.lockSeals(server, "filings")
        let upload = Task { try? await Self.upload(bundle, port: port, token: token) }
        try await Self.waitForBlockedImport(server, "filings")
        kill(serve.processIdentifier, SIGKILL)
        serve.waitUntilExit()
        try Self.release(server, "filings", holder)
        _ = await upload.value
        // The killed server's session is ended by the database (its socket closed), its transaction rolled back.
        for _ in 0..<100 {
            if try server.psql("filings", "SELECT count(*) FROM pg_stat_activity WHERE datname = 'filings' AND pid <> pg_backend_pid()")
                .trimmingCharacters(in: .whitespacesAndNewlines) == "0" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try Self.counts(server, "filings") == "0|0|0", "no partial bundle")

        serve = try Self.serve(url: url, port: port, ca: ca, directory: office.directory)
        try await Self.waitForHealth(port: port)
        let retried = try await Self.upload(bundle, port: port, token: token)
        #expect(retried.status == 201, "\(retried)")
        #expect(try Self.counts(server, "filings") == "1|1|1")
        let revoked = try FilingQueryCommandTests.run(["clients", "revoke", "intake", "--store", url])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try await Self.upload(bundle, port: port, token: token).status == 401)
        let listed = try FilingQueryCommandTests.run(["clients", "list", "--store", url, "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let hash = try token.sha256()
        #expect(rows.count == 1 && rows.first?["name"] as? String == "intake" && rows.first?["revokedAt"] != nil && !listed.stdout.contains(hash))
    }

    // MARK: - Helpers

    /// Stations, bundles and seals stored, as `stations|bundles|seals`.
    static func counts(_ server: PostgresServer, _ database: String) throws -> String {
        try server.psql(database, "SELECT (SELECT count(*) FROM filing_station) || '|' || (SELECT count(*) FROM filing_bundle) || '|' || (SELECT count(*) FROM filed_seal)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A psql session holding `filed_seal` locked against inserts until it is terminated (or the server stops).
    static func lockSeals(_ server: PostgresServer, _ database: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-h", server.socketDirectory, "-U", PostgresServer.user, "-d", database,
                             "-c", "BEGIN; LOCK TABLE filed_seal IN EXCLUSIVE MODE; SELECT pg_sleep(120);"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if try server.psql(database, """
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'filed_seal' AND l.mode = 'ExclusiveLock' AND l.granted
                """).trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return process }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw FaultStep(step: "lock filed_seal", log: server.log)
    }

    /// Ends the session `lockSeals` started, from the server's side (a psql killed mid-sleep would leave its session
    /// holding the lock until the sleep ends).
    static func release(_ server: PostgresServer, _ database: String, _ holder: Process) throws {
        _ = try server.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%LOCK TABLE filed_seal%' AND pid <> pg_backend_pid()")
        holder.waitUntilExit()
    }

    /// Waits until an import has written its first rows and waits for the lock on `filed_seal`.
    static func waitForBlockedImport(_ server: PostgresServer, _ database: String) async throws {
        for _ in 0..<600 {
            if try server.psql(database, """
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'filed_seal' AND l.mode = 'RowExclusiveLock' AND NOT l.granted
                """).trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FaultStep(step: "wait for the import to block", log: server.log)
    }

    /// What an upload was answered.
    struct Answer: Sendable {
        var status: Int
        var retryAfter: String?
        var code: String
        var message: String
    }

    struct FaultStep: Error {
        let step: String
        let log: String
    }

    static func upload(_ bundle: Data, port: Int, token: ClientToken) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/bundles")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token.text)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 120
        let (data, response) = try await URLSession(configuration: .ephemeral).upload(for: request, from: bundle)
        let http = response as? HTTPURLResponse
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return Answer(status: http?.statusCode ?? 0, retryAfter: http?.value(forHTTPHeaderField: "Retry-After"),
                      code: body["error"] as? String ?? "", message: body["message"] as? String ?? "")
    }

    /// `sealfiling serve` on `port`, as a process of its own.
    static func serve(url: String, port: Int, ca: String, directory: TemporaryDirectory) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FilingQueryCommandTests.binary)
        process.arguments = ["serve", "--store", url, "--listen", "127.0.0.1:\(port)", "--enrol", ca, "--upload-dir", directory.path("serve-uploads")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitForHealth(port: Int) async throws {
        for _ in 0..<200 {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
            request.timeoutInterval = 2
            if let (_, response) = try? await URLSession(configuration: .ephemeral).data(for: request), (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FaultStep(step: "sealfiling serve did not answer /health on port \(port)", log: "")
    }

    /// A loopback TCP port nothing listens on now (bound with port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw FaultStep(step: "find a free port", log: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
