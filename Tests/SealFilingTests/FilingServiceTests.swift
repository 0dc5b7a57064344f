import Foundation
import Hummingbird
import HummingbirdTesting
import SealBundle
import SealCrypto
import SealFiling
import SealFilingService
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

/// The filing service over HTTP (a live server on loopback), against every store: tokens, uploads and their
/// outcomes, the queries, health, metrics and the OpenAPI document.
@Suite("sealfiling serve: the HTTP API over every FilingStore")
struct FilingServiceTests {
    @Test("uploads: 401 without a valid token, 422 not enrolled or truncated, 201, 200 again, 409 for a gap, 413 too large, revoked token 401 — nothing stored when refused",
          arguments: FilingStoreKind.allCases)
    func uploads(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issueUnitSeal()
        let third = try office.export()
        let firstBytes = try Self.bytes(first), secondBytes = try Self.bytes(second), thirdBytes = try Self.bytes(third)

        let database = try await kind.open(office.directory, name: "service")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "city-intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let other = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "courier-desk", tokenSHA256: try other.sha256(), addedAt: FilingFixture.now))
        let empty = try database.dump()

        // Not enrolled: the first bundle of a station whose CA the service was not given.
        let strict = try FilingService(store: database.store, uploadDirectory: office.directory.url.appendingPathComponent("uploads-strict"))
        try await strict.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let refused = try await client.execute(uri: "/v1/bundles", method: .post, headers: Self.bearer(token), body: ByteBuffer(bytes: firstBytes))
            #expect(refused.status == .unprocessableContent)
            #expect(try Self.json(refused)["error"] as? String == "station-not-enrolled")
        }
        #expect(try database.dump() == empty)

        let uploads = office.directory.url.appendingPathComponent("uploads")
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate], uploadDirectory: uploads,
                                        uploadLimit: thirdBytes.count + 1024, now: { FilingFixture.now })
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            func upload(_ body: Data, _ headers: HTTPFields) async throws -> TestResponse {
                try await client.execute(uri: "/v1/bundles", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            }
            // No token, a malformed one, an unknown one: 401 with WWW-Authenticate, nothing stored.
            for headers: HTTPFields in [[:], [.authorization: "Bearer nonsense"], Self.bearer(try ClientToken.generate()), [.authorization: "Basic dXNlcjpwYXNz"]] {
                let response = try await upload(firstBytes, headers)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            #expect(try database.dump() == empty)

            // A bundle cut off in transit: 422 with the report, nothing stored.
            let whole = firstBytes
            let truncated = try await upload(whole.prefix(whole.count / 2), Self.bearer(token))
            #expect(truncated.status == .unprocessableContent)
            let truncatedBody = try Self.json(truncated)
            #expect(truncatedBody["error"] as? String == "invalid-bundle")
            #expect((truncatedBody["details"] as? [String: Any])?["checks"] != nil)
            #expect(try database.dump() == empty)

            // Too large: refused by its Content-Length before anything is kept.
            var padded = thirdBytes
            padded.append(Data(count: 4096))
            let large = try await upload(padded, Self.bearer(token))
            #expect(large.status == .contentTooLarge)
            #expect(try database.dump() == empty)

            let imported = try await upload(whole, Self.bearer(token))
            #expect(imported.status == .created)
            #expect(try Self.json(imported)["status"] as? String == "imported")
            let again = try await upload(whole, Self.bearer(token))
            #expect(again.status == .ok)
            #expect(try Self.json(again)["status"] as? String == "already-imported")

            // Bundle 3 after 1: the gap is refused with 409, naming it, nothing changed.
            let before = try database.dump()
            let gap = try await upload(thirdBytes, Self.bearer(token))
            #expect(gap.status == .conflict)
            let gapBody = try Self.json(gap)
            #expect(gapBody["error"] as? String == "sequence-anomaly")
            #expect((gapBody["message"] as? String)?.contains("bundle 2 is missing") == true)
            #expect(try database.dump() == before)
            #expect(try await upload(secondBytes, Self.bearer(other)).status == .created)
            #expect(try await upload(thirdBytes, Self.bearer(token)).status == .created)
            #expect(try await database.store.bundles().map(\.sequence) == [1, 2, 3])
            // One station's rows, read by its id alone.
            let stationID = office.station.stationID
            #expect(try await database.store.bundles(stationID: stationID).map(\.sequence) == [1, 2, 3])
            #expect(try await database.store.bundles(stationID: String(repeating: "0", count: 64)).isEmpty)
            #expect(try await database.store.station(id: stationID)?.name == "测试站")
            #expect(try await database.store.station(id: String(repeating: "0", count: 64)) == nil)
            try await database.store.ping()

            // A revoked client's token is refused from then on.
            _ = try await database.store.revokeClient(name: "courier-desk", at: FilingFixture.now)
            let revoked = try await client.execute(uri: "/v1/stations", method: .get, headers: Self.bearer(other))
            #expect(revoked.status == .unauthorized)
            #expect(try Self.json(revoked)["error"] as? String == "client-revoked")

            // Nothing is left in the upload directory.
            #expect(try FileManager.default.contentsOfDirectory(atPath: uploads.path).isEmpty)
            #expect(try FileManager.default.attributesOfItem(atPath: uploads.path)[.posixPermissions] as? Int == 0o700)
        }
    }

    @Test("queries: seals by credit code, name and state, paged; one seal with revocation, uses and station; its PNG; stations, bundles, CRL; health, metrics, OpenAPI",
          arguments: FilingStoreKind.allCases)
    func queries(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let personal = try office.issuePersonalSeal()
        let unit = try office.issueUnitSeal()
        _ = try office.station.revoke(by: office.approver, sealID: personal.id!, reason: "离职", now: FilingFixture.now)
        let export = try office.export()
        let exportBytes = try Self.bytes(export)
        let exportSM3 = office.verifier.verify(URL(fileURLWithPath: export.path)).report.sm3
        let database = try await kind.open(office.directory, name: "queries")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "city-intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate],
                                        uploadDirectory: office.directory.url.appendingPathComponent("uploads"), now: { FilingFixture.now })
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let auth = Self.bearer(token)
            let body = ByteBuffer(bytes: exportBytes)
            #expect(try await client.execute(uri: "/v1/bundles", method: .post, headers: auth, body: body).status == .created)

            let all = try Self.json(try await client.execute(uri: "/v1/seals?creditCode=91110108ma00000070", method: .get, headers: auth))
            let seals = try #require(all["seals"] as? [[String: Any]])
            #expect(Set(seals.compactMap { ($0["seal"] as? [String: Any])?["esID"] as? String }) == [personal.esID, unit.esID])
            #expect(all["hasMore"] as? Bool == false)
            let page = try Self.json(try await client.execute(uri: "/v1/seals?creditCode=91110108MA00000070&pageSize=1&page=1", method: .get, headers: auth))
            #expect((page["seals"] as? [Any])?.count == 1 && page["hasMore"] as? Bool == true)
            let revoked = try Self.json(try await client.execute(uri: "/v1/seals?state=revoked", method: .get, headers: auth))
            #expect((revoked["seals"] as? [[String: Any]])?.compactMap { ($0["seal"] as? [String: Any])?["esID"] as? String } == [personal.esID])
            let named = try Self.json(try await client.execute(uri: "/v1/seals?name=%E5%90%88%E5%90%8C", method: .get, headers: auth))  // 合同
            #expect((named["seals"] as? [[String: Any]])?.compactMap { ($0["seal"] as? [String: Any])?["esID"] as? String } == [unit.esID])
            for bad in ["/v1/seals?pageSize=0", "/v1/seals?pageSize=501", "/v1/seals?page=x", "/v1/seals?creditCode=" + String(repeating: "9", count: 40)] {
                let response = try await client.execute(uri: bad, method: .get, headers: auth)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(try Self.json(response)["error"] as? String == "bad-parameter")
            }

            let detail = try Self.json(try await client.execute(uri: "/v1/seals/\(personal.esID)", method: .get, headers: auth))
            #expect((detail["seal"] as? [String: Any])?["state"] as? String == "revoked")
            #expect(detail["validNow"] as? Bool == false)
            #expect((detail["station"] as? [String: Any])?["name"] as? String == "测试站")
            let revocation = try #require(detail["revocation"] as? [String: Any])
            let filedCRL = try await database.store.latestCRL(stationID: office.station.stationID)
            #expect(revocation["status"] as? String == (filedCRL == nil ? "no-crl" : "revoked"))
            let unitDetail = try Self.json(try await client.execute(uri: "/v1/seals/\(unit.esID)", method: .get, headers: auth))
            #expect(unitDetail["validNow"] as? Bool == true)
            #expect(try await client.execute(uri: "/v1/seals/no-such-seal", method: .get, headers: auth).status == .notFound)

            let image = try await client.execute(uri: "/v1/seals/\(unit.esID)/image", method: .get, headers: auth)
            #expect(image.status == .ok && image.headers[.contentType] == "image/png")
            let filed = try #require(try await database.store.filedSeals(esID: unit.esID).first)
            #expect(Array(image.body.readableBytesView) == (try filed.picture().data))

            let stations = try #require(try JSONSerialization.jsonObject(with: Data(try await client.execute(uri: "/v1/stations", method: .get, headers: auth).body.readableBytesView)) as? [[String: Any]])
            #expect(stations.count == 1 && stations.first?["id"] as? String == office.station.stationID && stations.first?["lastSequence"] as? Int == 1)
            let bundles = try Self.json(try await client.execute(uri: "/v1/stations/\(office.station.stationID)/bundles", method: .get, headers: auth))
            #expect((bundles["bundles"] as? [[String: Any]])?.first?["sm3"] as? String == exportSM3)
            #expect(try await client.execute(uri: "/v1/stations/\(String(repeating: "0", count: 64))/bundles", method: .get, headers: auth).status == .notFound)
            #expect(try await client.execute(uri: "/v1/stations/not-hex/bundles", method: .get, headers: auth).status == .badRequest)
            let crl = try await client.execute(uri: "/v1/stations/\(office.station.stationID)/crl", method: .get, headers: auth)
            if let filedCRL {
                #expect(crl.status == .ok && Data(crl.body.readableBytesView) == filedCRL.der)
                #expect(try CertificateRevocationList(derEncoded: Array(buffer: crl.body)).numberValue == filedCRL.number)
            } else {
                #expect(crl.status == .notFound)
            }

            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok && String(buffer: health.body).contains("ok"))
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"sealfiling_bundles_total{outcome="imported"} 1"#), "\(metrics)")
            #expect(metrics.contains("sealfiling_request_duration_seconds_bucket"))
            #expect(metrics.contains(#"route="/v1/seals/{esID}""#) || metrics.contains(#"route="/v1/seals/:esID""#), "\(metrics)")

            // The OpenAPI document describes every route the router serves.
            let document = String(buffer: try await client.execute(uri: "/openapi.yaml", method: .get).body)
            for path in ["/health:", "/metrics:", "/openapi.yaml:", "/v1/bundles:", "/v1/seals:", "/v1/seals/{esID}:", "/v1/seals/{esID}/image:",
                         "/v1/stations:", "/v1/stations/{id}/bundles:", "/v1/stations/{id}/crl:", "/v1/verify:"] {
                #expect(document.contains("  " + path), "\(path)")
            }
        }
    }

    @Test("hostile archives over HTTP — zip-slip, an absolute path, a link, a duplicate, an unknown file, a flipped byte, not a ZIP — are 422 naming the problem, and nothing is stored")
    func hostileArchives() async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let genuine = try Self.bytes(try office.export())
        let database = try await FilingStoreKind.sqlite.open(office.directory, name: "hostile")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let empty = try database.dump()
        // Archives made with Python's zipfile: (name, text, is-symlink) members.
        let crafted = try PythonTools.run(script: """
            import sys, json, zipfile, io, base64, warnings
            warnings.simplefilter('ignore')
            out = {}
            for label, members in json.loads(sys.argv[1]).items():
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, 'w') as z:
                    for name, text, link in members:
                        info = zipfile.ZipInfo(name)
                        info.create_system = 3
                        info.external_attr = ((0o120777 if link else 0o100644) << 16)
                        z.writestr(info, text)
                out[label] = base64.b64encode(buffer.getvalue()).decode()
            print(json.dumps(out))
            """, [#"{"slip": [["data/../../etc/cron.d/x", "x", false]], "absolute": [["/etc/passwd", "x", false]], "link": [["data/key", "/etc/shadow", true]], "duplicate": [["data/a.txt", "one", false], ["data/a.txt", "two", false]], "unknown": [["bagit.txt", "x", false], ["run-me.sh", "x", false]]}"#])
        #expect(crafted.succeeded, "\(crafted.stderr)")
        let archives = try #require(try JSONSerialization.jsonObject(with: Data(crafted.stdout.utf8)) as? [String: String])
        var hostile = archives.compactMapValues { Data(base64Encoded: $0) }
        var flipped = genuine
        flipped[flipped.count / 2] ^= 0x01
        hostile["flipped byte"] = flipped
        hostile["not a ZIP"] = Data("plain text, not a bundle".utf8)
        let cases = hostile.sorted(by: { $0.key < $1.key })
        let expected = ["slip": "data/../../etc/cron.d/x", "absolute": "/etc/passwd", "link": "data/key", "duplicate": "data/a.txt", "unknown": "run-me.sh"]
        let uploads = office.directory.url.appendingPathComponent("uploads")
        let service = try FilingService(store: database.store, enrolment: [office.station.ca.certificate], uploadDirectory: uploads)
        try await service.application(host: "127.0.0.1", port: 0).test(.live) { client in
            for (label, body) in cases {
                let response = try await client.execute(uri: "/v1/bundles", method: .post, headers: Self.bearer(token), body: ByteBuffer(bytes: body))
                #expect(response.status == .unprocessableContent, "\(label)")
                let answer = try Self.json(response)
                #expect(answer["error"] as? String == "invalid-bundle", "\(label)")
                if let name = expected[label] { #expect((answer["message"] as? String)?.contains(name) == true, "\(label): \(answer["message"] ?? "")") }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: uploads.path).isEmpty)
        }
        #expect(try database.dump() == empty)
    }

    static func bytes(_ export: BundleExport) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: export.path)) }

    static func bearer(_ token: ClientToken) -> HTTPFields { [.authorization: "Bearer \(token.text)"] }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }
}
