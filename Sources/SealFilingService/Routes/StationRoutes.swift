import Foundation
import Hummingbird
import SealFiling

extension FilingService {
    /// `GET /v1/stations`, `GET /v1/stations/{id}/bundles`, `GET /v1/stations/{id}/crl`.
    func addStationRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.get("/stations") { _, _ in
            let (stations, bundles) = try await call { store in (try await store.stations(), try await store.bundles()) }
            let byStation = Dictionary(grouping: bundles, by: \.stationID)
            return try JSONResponse.response(stations.map { StationView($0, bundles: byStation[$0.id] ?? []) })
        }
        api.get("/stations/:id/bundles") { _, context in
            let id = try Self.stationID(context)
            let (station, bundles) = try await call { store in (try await store.station(id: id), try await store.bundles(stationID: id)) }
            guard let station else { throw APIError.notFound("station \(id)") }
            return try JSONResponse.response(StationBundlesView(station: StationView(station, bundles: bundles),
                                                                bundles: bundles.map(StationBundlesView.Bundle.init)))
        }
        api.get("/stations/:id/crl") { _, context in
            let id = try Self.stationID(context)
            guard let crl = try await call({ try await $0.latestCRL(stationID: id) }) else { throw APIError.notFound("a CRL of station \(id)") }
            return Response(
                status: .ok,
                headers: [.contentType: "application/pkix-crl", .contentDisposition: "attachment; filename=\"station-\(id.prefix(16))-crl-\(crl.number).crl\""],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: crl.der)))
        }
    }

    /// The station `id` path parameter: an SM3 in hex (64 characters).
    static func stationID(_ context: BasicRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), id.count == 64, id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw APIError.badParameter("id", "a station id (the SM3 of its CA certificate, 64 lower-case hex digits) is expected")
        }
        return id
    }
}
