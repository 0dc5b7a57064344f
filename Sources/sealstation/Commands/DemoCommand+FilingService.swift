import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import SealCrypto
import SealFiling
import SealFilingService
import SealPKI
import SealStation

extension DemoCommand {
    /// Step 12: the online filing service (`sealfiling serve`) on a fresh SQLite registry on a free loopback port: a
    /// client token made and stored hashed, an upload without it refused (401), the station's bundles uploaded in
    /// order over real HTTP (201), the first again (200, nothing changed), the unit's seals queried, the PDF stamped in
    /// step 10b verified with the filing status of its seals (POST /v1/verify), health and metrics.
    func demoFilingService(station: Station, directory: URL, record: (String, String, [URL]) -> Void) throws {
        let courier = directory.appendingPathComponent("courier")
        let bundles = try FileManager.default.contentsOfDirectory(atPath: courier.path)
            .filter { $0.hasPrefix("filing-") && $0.hasSuffix(".zip") }.sorted().map { courier.appendingPathComponent($0) }
        guard !bundles.isEmpty else { throw CLIError.demoStepFailed(step: "online filing service", detail: "no bundles in \(courier.path)") }
        let online = directory.appendingPathComponent("online-service")
        try ProtectedFile.createDirectory(online.path)
        let database = online.appendingPathComponent("filings.sqlite")
        let certificate = station.ca.certificate
        let stampedPDF = directory.appendingPathComponent("pdf").appendingPathComponent("技术服务合同-已盖章.pdf")
        let (port, visit) = try DemoAsync.run {
            let store = try SQLiteFilingStore(path: database.path)
            let token = try ClientToken.generate()
            try await store.addClient(FilingClientRecord(name: "demo-intake", tokenSHA256: try token.sha256(), addedAt: Date()))
            let service = try FilingService(store: store, enrolment: [certificate], uploadDirectory: online.appendingPathComponent("uploads"))
            return try await DemoServer.run(step: "online filing service") { port, listening in
                var logger = Logger(label: "sealstation.demo.filing")
                logger.logLevel = .critical
                try await service.application(host: "127.0.0.1", port: port, logger: logger, onRunning: { _ in listening() }).runService()
            } visit: { port in
                try await FilingServiceVisit.visit(port: port, token: token, bundles: bundles, document: stampedPDF)
            }
        }
        let expected: [UInt] = Array(repeating: 201, count: bundles.count) + [200]
        guard visit.withoutToken == 401, visit.uploads == expected, visit.seals > 0, visit.health == 200, visit.metricsCounted,
              visit.verify.status == 200, visit.verify.filed > 0 else {
            throw CLIError.demoStepFailed(step: "online filing service", detail: "\(visit)")
        }
        record(
            "online filing service (sealfiling serve)",
            "http://127.0.0.1:\(port)/ over \(database.lastPathComponent): an upload without a client token refused (401); "
                + "\(bundles.count) bundles imported in order (201 each), bundle 1 again answered \(visit.uploads.last!) (already imported); "
                + "/v1/seals?creditCode= lists \(visit.seals) seals; POST /v1/verify of \(stampedPDF.lastPathComponent): "
                + "\(visit.verify.valid ? "valid" : "not valid"), \(visit.verify.filed) of \(visit.verify.seals) seal(s) filed by \(visit.verify.station); "
                + "/health 200, /metrics counted the imports",
            [database])
    }
}

/// What the demo saw of the filing service, over HTTP.
struct FilingServiceVisit: Sendable, CustomStringConvertible {
    var withoutToken: UInt = 0
    var uploads: [UInt] = []
    var seals = 0
    var health: UInt = 0
    var metricsCounted = false
    /// POST /v1/verify of a stamped document: the status, the verdict, the seals found, how many are filed and by which
    /// station.
    var verify: (status: UInt, valid: Bool, seals: Int, filed: Int, station: String) = (0, false, 0, 0, "")

    var description: String {
        "without a token \(withoutToken), uploads \(uploads), \(seals) seals listed, health \(health), metrics counted \(metricsCounted), "
            + "verify \(verify)"
    }

    static func visit(port: Int, token: ClientToken, bundles: [URL], document: URL) async throws -> FilingServiceVisit {
        var visit = FilingServiceVisit()
        let host = HTTPHeaders([("Host", "127.0.0.1:\(port)")])
        var authorized = host
        authorized.add(name: "Authorization", value: "Bearer \(token.text)")
        visit.health = try await ConsoleVisit.exchange(port: port, method: .GET, path: "/health", headers: host, body: nil).0
        // Without a token the server answers 401 before it reads a body, and closes the connection: a whole bundle
        // still being sent would then meet a reset. The refusal is the same for an empty upload.
        visit.withoutToken = try await ConsoleVisit.exchange(port: port, method: .POST, path: "/v1/bundles", headers: host, body: []).0
        for bundle in bundles + [bundles[0]] {
            let body = Array(try Data(contentsOf: bundle))
            visit.uploads.append(try await ConsoleVisit.exchange(port: port, method: .POST, path: "/v1/bundles", headers: authorized, body: body).0)
        }
        let listed = try await ConsoleVisit.exchange(port: port, method: .GET, path: "/v1/seals?creditCode=91110108MA00000070", headers: authorized, body: nil)
        if let object = try? JSONSerialization.jsonObject(with: Data(listed.2.utf8)) as? [String: Any], let seals = object["seals"] as? [Any] {
            visit.seals = seals.count
        }
        var sent = authorized
        sent.add(name: "Content-Type", value: "application/pdf")
        let verified = try await ConsoleVisit.exchange(
            port: port, method: .POST, path: "/v1/verify", headers: sent, body: Array(try Data(contentsOf: document)))
        if let object = try? JSONSerialization.jsonObject(with: Data(verified.2.utf8)) as? [String: Any], let seals = object["seals"] as? [[String: Any]] {
            let filed = seals.filter { $0["filed"] as? Bool == true }
            let station = (filed.first?["station"] as? [String: Any])?["name"] as? String ?? ""
            visit.verify = (verified.0, object["isValid"] as? Bool == true, seals.count, filed.count, station)
        } else {
            visit.verify.status = verified.0
        }
        let metrics = try await ConsoleVisit.exchange(port: port, method: .GET, path: "/metrics", headers: host, body: nil).2
        visit.metricsCounted = metrics.contains(#"sealfiling_bundles_total{outcome="imported"} \#(bundles.count)"#)
        return visit
    }
}
