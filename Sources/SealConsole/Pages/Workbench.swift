import Foundation
import SealRegistry
import SealStation
import SealViews

/// Builds the workbench of an officer from the registry: approvers see what waits for approval, operators what waits
/// to be issued and their own open use requests, auditors and administrators the counts.
struct Workbench {
    let station: Station

    /// The tables for `officer` (blocking registry reads: run through `RegistryWork`).
    func sections(for officer: OfficerRecord) throws -> (sections: [WorkbenchPage.Section], counts: WorkbenchPage.Counts?) {
        let names = OfficerNames.byID(try station.officers())
        switch officer.role {
        case .approver:
            let applications = try station.applications(state: .applied)
            let uses = try station.useRequests(states: [.requested])
            return ([
                applicationSection("待审批的印章申请", empty: "没有待审批的印章申请。", applications, names),
                try useSection("待审批的用印申请", empty: "没有待审批的用印申请。", uses, names),
            ], nil)
        case .operatorRole:
            let applications = try station.applications(state: .approved)
            let mine = try station.useRequests(states: [.requested, .approved]).filter { $0.requesterID == officer.id }
            return ([
                applicationSection("已批准、待制作的印章申请", empty: "没有待制作的印章申请。", applications, names),
                try useSection("我的未完成用印申请", empty: "没有未完成的用印申请。", mine, names),
            ], nil)
        case .auditor, .administrator:
            let applications = try station.applications(state: nil)
            let uses = try station.useRequests(states: [.requested, .approved])
            let count = { (state: ApplicationState) in applications.filter { $0.state == state }.count }
            return ([], WorkbenchPage.Counts(items: [
                .init(label: "待审批的印章申请", value: count(.applied)),
                .init(label: "已批准、待制作的印章申请", value: count(.approved)),
                .init(label: "已驳回的印章申请", value: count(.rejected)),
                .init(label: "已制作的印章申请", value: count(.issued)),
                .init(label: "待审批的用印申请", value: uses.filter { $0.state == .requested }.count),
                .init(label: "已批准、未用完的用印申请", value: uses.filter { $0.state == .approved }.count),
                .init(label: "审计记录", value: try station.database.auditRecordCount()),
            ]))
        }
    }

    /// Applications as the CLI's `list`/`show` see them (SealViews' ApplicationRow), in Chinese columns.
    private func applicationSection(
        _ heading: String, empty: String, _ records: [ApplicationRecord], _ names: [Int64: String]
    ) -> WorkbenchPage.Section {
        WorkbenchPage.Section(heading: heading, table: Self.applicationTable(records, names, empty: empty))
    }

    /// Use requests as `use list` sees them (SealViews' UseRequestRow), with the seal's name.
    private func useSection(
        _ heading: String, empty: String, _ records: [UseRequestRecord], _ names: [Int64: String]
    ) throws -> WorkbenchPage.Section {
        var sealNames: [Int64: String] = [:]
        for record in records where sealNames[record.sealID] == nil {
            sealNames[record.sealID] = try station.seal(record.sealID).name
        }
        return WorkbenchPage.Section(heading: heading, table: Self.useTable(records, names, sealNames: sealNames, empty: empty))
    }

    /// Applications as the CLI's `list`/`show` see them (SealViews' ApplicationRow), in Chinese columns.
    static func applicationTable(_ records: [ApplicationRecord], _ names: [Int64: String], empty: String) -> TableView {
        TableView(
            columns: ["编号", "单位名称", "统一社会信用代码", "印章模板", "事由", "状态", "申请人", "申请时间"],
            rows: zip(records, records.map { ApplicationRow($0, officers: names) }).map { record, row in
                .init(
                    id: String(row.id), link: "/applications/\(row.id)",
                    cells: [row.unitName, row.creditCode, row.template, row.reason, record.state.chineseName, row.applicant ?? "", time(row.createdAt)])
            },
            emptyText: empty)
    }

    /// Use requests as `use list` sees them (SealViews' UseRequestRow), with the seal's name.
    static func useTable(_ records: [UseRequestRecord], _ names: [Int64: String], sealNames: [Int64: String], empty: String) -> TableView {
        TableView(
            columns: ["编号", "印章", "事由", "次数", "已用", "状态", "申请人", "申请时间"],
            rows: zip(records, records.map { UseRequestRow($0, officers: names) }).map { record, row in
                .init(
                    id: String(row.id), link: "/uses/\(row.id)",
                    cells: [
                        sealNames[row.sealID] ?? String(row.sealID), row.reason, String(row.count), String(row.used), record.state.chineseName,
                        row.requester, time(row.requestedAt),
                    ])
            },
            emptyText: empty)
    }

    static func time(_ date: Date) -> String { ConsoleTime.minute(date) }
}
