import Foundation
import SealRegistry
import SealStation
import Testing
import SealAudit

/// A station is Sendable: one instance serves concurrent requests (as the web console will).
@Suite("One station shared between concurrent requests")
struct SharedStationTests {
    @Test("concurrent use requests and reads on one shared station are each recorded once, and the audit chain stays valid")
    func concurrentRequests() async throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        let station = office.station, clerk = office.clerk
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<16 {
                group.addTask {
                    _ = try station.seals(.init())
                    return try station.requestUse(by: clerk, sealID: seal.id!, reason: "请求 \(index)", count: 1, now: OfficeFixture.now).id!
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 16)
        #expect(try station.useRequests(states: [.requested]).count == 16)
        #expect(try station.verifyAudit().isValid)
    }
}
