import Foundation
import Hummingbird
import SealFiling
import SealSES

extension FilingService {
    /// The most seals on one page of `GET /v1/seals`.
    static let maximumPageSize = 500

    /// `GET /v1/seals?creditCode=&name=&state=&page=&pageSize=`, `GET /v1/seals/{esID}`, `GET /v1/seals/{esID}/image`.
    func addSealRoutes(to api: RouterGroup<BasicRequestContext>) {
        api.get("/seals") { request, _ in
            let parameters = request.uri.queryParameters
            let creditCode = try Self.text(parameters["creditCode"].map(String.init), name: "creditCode", maximum: 18)
            let name = try Self.text(parameters["name"].map(String.init), name: "name", maximum: 64)
            let state = try Self.text(parameters["state"].map(String.init), name: "state", maximum: 32)
            let page = try Self.integer(parameters["page"].map(String.init), name: "page", in: 1...1_000_000, default: 1)
            let pageSize = try Self.integer(parameters["pageSize"].map(String.init), name: "pageSize", in: 1...Self.maximumPageSize, default: 50)
            let query = FiledSealQuery(creditCode: creditCode, nameContains: name, state: state, limit: pageSize + 1, offset: (page - 1) * pageSize)
            let found = try await call { try await $0.filedSealListings(query) }
            return try JSONResponse.response(FiledSealPage(
                seals: found.prefix(pageSize).map(FiledSealSummary.init), page: page, pageSize: pageSize, hasMore: found.count > pageSize))
        }
        api.get("/seals/:esID") { _, context in
            let esID = try Self.esID(context)
            let now = now()
            let view: FiledSealView? = try await call { store in
                guard let seal = try await store.filedSeals(esID: esID).first else { return nil }
                let station = try await store.station(id: seal.stationID)
                let serial = try seal.holderSerial()
                let revocation = FiledRevocationView(try await store.revocationStatus(stationID: seal.stationID, serial: serial), serial: serial, now: now)
                return FiledSealView(seal, station: station, revocation: revocation, uses: try await store.useCount(esID: esID), now: now)
            }
            guard let view else { throw APIError.notFound("seal \(esID)") }
            return try JSONResponse.response(view)
        }
        api.get("/seals/:esID/image") { _, context in
            let esID = try Self.esID(context)
            guard let seal = try await call({ try await $0.filedSeals(esID: esID).first }) else { throw APIError.notFound("seal \(esID)") }
            // The PNG is filed once, as the SES_Seal's picture (the import checked it is one).
            let picture = try seal.picture()
            guard SealPicture.Format(declaredType: picture.type) == .png, SealPicture.Format.png.matches(picture.data) else {
                throw APIError.notFound("a PNG picture of seal \(esID) (its picture is \(picture.type))")
            }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=300"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: picture.data)))
        }
    }

    /// The `esID` path parameter, range-checked (an esID is at most 64 characters).
    static func esID(_ context: BasicRequestContext) throws -> String {
        guard let esID = context.parameters.get("esID"), !esID.isEmpty, esID.count <= 64 else {
            throw APIError.badParameter("esID", "an esID of 1 to 64 characters is expected")
        }
        return esID
    }

    /// An optional text parameter of at most `maximum` characters (empty: absent).
    static func text(_ value: String?, name: String, maximum: Int) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard value.count <= maximum else { throw APIError.badParameter(name, "at most \(maximum) characters") }
        return value
    }

    /// An optional integer parameter within `range`.
    static func integer(_ value: String?, name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let value, !value.isEmpty else { return fallback }
        guard value.count <= 9, let number = Int(value), range.contains(number) else {
            throw APIError.badParameter(name, "a whole number from \(range.lowerBound) to \(range.upperBound) is expected")
        }
        return number
    }
}
