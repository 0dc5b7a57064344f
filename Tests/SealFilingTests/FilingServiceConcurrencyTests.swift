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

/// Many importers at once: the database, not the service, keeps each bundle imported once and each station's order.
@Suite("sealfiling serve: concurrent uploads on one PostgreSQL database")
struct FilingServiceConcurrencyTests {
    @Test("8 clients upload the same 20 bundles of 5 stations in random order to 2 instances: each imported once, gaps refused with 409, the database equal to importing them in order into SQLite")
    func concurrentUploads() async throws {
        // 5 stations, 4 bundles each (a seal issued before each export, one revoked before the third).
        var stations: [FilingFixture] = []
        var bundles: [(station: Int, sequence: Int64, bytes: Data)] = []
        for index in 0..<5 {
            let office = try FilingFixture()
            for sequence in 1...4 {
                let seal = try office.issuePersonalSeal(
                    holder: ["张", "李", "王", "赵", "钱"][index] + ["一", "二", "三", "四"][sequence - 1],
                    creditCode: Self.creditCode(region: ["110108", "110101", "110102", "110105", "110106"][index]))
                if sequence == 3 { _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now) }
                let export = try office.export()
                bundles.append((index, export.sequence, try Data(contentsOf: URL(fileURLWithPath: export.path))))
            }
            stations.append(office)
        }
        let enrolment = stations.map(\.station.ca.certificate)
        let uploads = bundles
        let server = try PostgresServer()
        let url = try server.createDatabase("province")
        let first = try await PostgresFilingStore.open(try PostgresLocation(url: url))
        let second = try await PostgresFilingStore.open(try PostgresLocation(url: url))
        let token = try ClientToken.generate()
        try await first.addClient(FilingClientRecord(name: "intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let work = stations[0].directory.url
        let serviceA = try FilingService(store: first, enrolment: enrolment, uploadDirectory: work.appendingPathComponent("uploads-a"), now: { FilingFixture.now })
        let serviceB = try FilingService(store: second, enrolment: enrolment, uploadDirectory: work.appendingPathComponent("uploads-b"), now: { FilingFixture.now })

        let outcomes = try await serviceA.application(host: "127.0.0.1", port: 0).test(.live) { clientA in
            try await serviceB.application(host: "127.0.0.1", port: 0).test(.live) { clientB in
                let ports = [try #require(clientA.port), try #require(clientB.port)]
                return try await withThrowingTaskGroup(of: [Outcome].self) { group in
                    for client in 0..<8 {
                        let port = ports[client % 2]
                        let order = uploads.shuffled()
                        group.addTask { try await Self.uploadAll(order, port: port, token: token) }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
        }

        // Every bundle imported exactly once (one 201 each, over all clients); the others 200 or 409.
        for bundle in bundles {
            let answers = outcomes.filter { $0.station == bundle.station && $0.sequence == bundle.sequence }
            #expect(answers.filter { $0.status == 201 }.count == 1, "station \(bundle.station) bundle \(bundle.sequence): \(answers.map(\.status))")
            #expect(answers.allSatisfy { [200, 201, 409].contains($0.status) })
        }
        // A 409 is the CLI's gap refusal, word for word: none of the station's bundles imported yet, or the last one
        // imported more than one below it.
        for refusal in outcomes where refusal.status == 409 {
            let n = refusal.sequence
            let none = "gap: bundles 1–\(n - 1) of this station were never imported; nothing was imported"
            var later = false
            if let range = refusal.message.range(of: "missing (the last imported is "), let last = Int64(refusal.message[range.upperBound...].prefix { $0.isNumber }) {
                later = refusal.message.hasPrefix("gap: ") && last < n - 1
            }
            #expect(refusal.code == "sequence-anomaly" && (refusal.message == none || later), "bundle \(n): \(refusal.message)")
        }
        #expect(outcomes.contains { $0.status == 409 }, "random order with 8 clients should meet a gap at least once")

        // The same bundles imported one by one, in order, into SQLite: the same registry, read through the store.
        let reference = try SQLiteFilingStore(path: work.appendingPathComponent("reference.sqlite").path)
        for bundle in bundles {
            let verifier = BundleVerifier(anchor: stations[bundle.station].station.ca.certificate)
            let outcome = verifier.verify(data: bundle.bytes, name: "bundle")
            _ = try await BundleImporter(store: reference).importBundle(outcome, now: FilingFixture.now)
        }
        #expect(try await Self.contents(of: first) == Self.contents(of: reference))
        _ = server
    }

    /// A valid 统一社会信用代码 (GB 32100 check character) of a unit registered in `region`: each station's seals then
    /// have esIDs of their own region, as stations of different districts do.
    static func creditCode(region: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let body = Array("91" + region + "MA0000007")
        let sum = zip(body, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        return String(body) + String(alphabet[(31 - sum % 31) % 31])
    }

    struct Outcome: Sendable {
        var station: Int
        var sequence: Int64
        var status: Int
        var code: String
        var message: String
    }

    /// Uploads every bundle, in the order given, again and again, until each has been answered 200 or 201.
    static func uploadAll(_ bundles: [(station: Int, sequence: Int64, bytes: Data)], port: Int, token: ClientToken) async throws -> [Outcome] {
        let session = URLSession(configuration: .ephemeral)
        var outcomes: [Outcome] = []
        var pending = bundles
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            guard rounds <= 40 else { throw Stuck(pending: pending.count, last: Array(outcomes.suffix(3).map { "\($0.status) \($0.code): \($0.message)" })) }
            var next: [(station: Int, sequence: Int64, bytes: Data)] = []
            for bundle in pending {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/bundles")!)
                request.httpMethod = "POST"
                request.setValue("Bearer \(token.text)", forHTTPHeaderField: "Authorization")
                request.setValue("application/zip", forHTTPHeaderField: "Content-Type")
                request.timeoutInterval = 120
                let (data, response) = try await session.upload(for: request, from: bundle.bytes)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
                outcomes.append(Outcome(station: bundle.station, sequence: bundle.sequence, status: status,
                                        code: body["error"] as? String ?? "", message: body["message"] as? String ?? ""))
                if status != 200 && status != 201 { next.append(bundle) }
            }
            pending = next
        }
        return outcomes
    }

    struct Stuck: Error { let pending: Int; let last: [String] }

    /// Everything a store holds, through its reads, as JSON: stations, bundles, seals (every field and file), each
    /// seal's use count and each station's latest CRL.
    static func contents(of store: any FilingStore) async throws -> String {
        struct Contents: Encodable {
            var stations: [FilingStationRecord]
            var bundles: [FilingBundleRecord]
            var seals: [FiledSealRecord]
            /// The list's view of the same seals (without their files).
            var listings: [FiledSealListing]
            var uses: [String: Int]
            var crls: [String: FiledCRLRecord]
        }
        let seals = try await store.filedSeals(FiledSealQuery())
        let listings = try await store.filedSealListings(FiledSealQuery())
        #expect(listings.map(\.seal) == seals.map(\.seal) && listings.map(\.sealSM3) == seals.map(\.sealSM3))
        #expect(listings.map(\.stationID) == seals.map(\.stationID) && listings.map(\.bundleSequence) == seals.map(\.bundleSequence))
        var uses: [String: Int] = [:]
        for seal in seals { uses[seal.esID] = try await store.useCount(esID: seal.esID) }
        var crls: [String: FiledCRLRecord] = [:]
        let stations = try await store.stations()
        for station in stations { crls[station.id] = try await store.latestCRL(stationID: station.id) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(Contents(stations: stations, bundles: try await store.bundles(),
                                                            seals: seals.sorted { $0.esID < $1.esID },
                                                            listings: listings.sorted { $0.esID < $1.esID }, uses: uses, crls: crls)), as: UTF8.self)
    }
}
