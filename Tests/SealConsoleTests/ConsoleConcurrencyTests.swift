import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealRegistry
import SealRender
import SealResources
import SealStation
import SealTestSupport
import SealToken
import Testing

/// The console and the command line work on the same station at once: a second opening of the registry (as the CLI
/// makes) applies for seals while the console approves and lists them; nothing is refused as "database is locked".
@Suite("The console beside the command line")
struct ConsoleConcurrencyTests {
    @Test("40 applications by a second opening of the registry while the console approves 20 and reads the lists")
    func sameStation() async throws {
        let fixture = try await ConsoleFixture()
        let waiting = try (0..<20).map { try fixture.apply(unitName: "并发测试单位\($0)") }
        let other = try Station.open(
            databasePath: fixture.station.database.path, templates: try TemplateLibrary(directory: DataResolver.current.templates()),
            vendorProfiles: try VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()))
        let clerk = try #require(try other.officers().first { $0.name == "经办人丁" })
        let writer = Task.detached { () throws -> Int in
            for index in 0..<40 {
                _ = try other.apply(
                    by: clerk,
                    SealApplication(unitName: "命令行单位\(index)", creditCode: "91110108MA00000070", template: "round-42", reason: "并发"),
                    now: ConsoleFixture.now)
            }
            return 40
        }
        try await fixture.console.application().test(.router) { client in
            var approver = ConsoleBrowser(client)
            _ = try await approver.signIn("审批人乙", "approver passphrase")
            for application in waiting {
                let page = try await approver.get("/applications/\(application.id!)")
                let approved = try await approver.post(
                    "/applications/\(application.id!)/approve", [("csrf", page.csrf!), ("note", "同意"), ("confirm", "approver passphrase")])
                #expect(approved.status == .seeOther, "\(approved.body)")
                #expect(try await approver.get("/applications?state=applied").status == .ok)
            }
        }
        #expect(try await writer.value == 40)
        let applications = try fixture.station.applications(state: nil)
        #expect(applications.filter { $0.state == .approved }.count == 20)
        #expect(applications.filter { $0.unitName.hasPrefix("命令行单位") }.count == 40)
    }
}
