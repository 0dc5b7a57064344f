import Foundation
import Hummingbird
import SealRegistry
import SealStation
import SealViews

/// 用印日志 (第十条) for any officer: the use log filtered by seal, date from/to and officer, as a page and as CSV
/// (UTF-8 with a byte order mark so that spreadsheet programs read it as UTF-8, a Chinese header row, every field
/// quoted per RFC 4180, CRLF line ends).
extension ConsoleApplication {
    func addUseLogRoutes(to router: Router<BasicRequestContext>) {
        router.get("/use-log") { request, _ in try await useLogPage(request) }
        router.get("/use-log.csv") { request, _ in try await useLogCSV(request) }
    }

    /// The CSV's column heads, in the order of ``useLogCells(_:)``.
    static let useLogHeader = [
        "编号", "印章编号", "用印时间", "用印事由", "审批人", "用印人", "次数", "文件", "文件 SM3", "盖章后文件 SM3", "盖章位置", "签章标识",
    ]

    private func useLogPage(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        let form = Self.query(request)
        let rows = try await useLogRows(form)
        let table = TableView(
            columns: ["编号", "印章", "用印时间", "用印事由", "审批人", "用印人", "文件", "文件 SM3", "盖章位置"],
            rows: rows.map { row in
                .init(
                    id: String(row.id), link: "/seals/\(row.sealID)",
                    cells: [String(row.sealID), Workbench.time(row.usedAt), row.reason, row.approver, row.officer, row.document, row.documentSM3,
                            row.placement ?? "—"])
            },
            emptyText: "没有符合条件的用印记录。")
        var components = URLComponents()
        components.queryItems = ["seal", "from", "to", "officer"].compactMap { key in form.text(key).map { URLQueryItem(name: key, value: $0) } }
        let page = UseLogPage(
            seal: form.text("seal") ?? "", from: form.text("from") ?? "", to: form.text("to") ?? "", officer: form.text("officer") ?? "",
            table: table, csvQuery: components.percentEncodedQuery ?? "")
        return self.page("use-log", "用印日志", signedIn, path: "/use-log", page)
    }

    private func useLogCSV(_ request: Request) async throws -> Response {
        _ = try await signedIn(request)
        let rows = try await useLogRows(Self.query(request))
        var text = Self.csvLine(Self.useLogHeader)
        for row in rows { text += Self.csvLine(Self.useLogCells(row)) }
        return Self.download([0xEF, 0xBB, 0xBF] + Array(text.utf8), filename: "用印日志.csv", type: "text/csv; charset=utf-8")
    }

    /// The rows of the log the filters `form` select: `seal` (the seal's number), `from` and `to` (days, inclusive),
    /// `officer` (the name of the officer who used the seal or approved the use).
    private func useLogRows(_ form: ConsoleForm) async throws -> [UseLogRow] {
        let sealID = try form.text("seal").map { text in
            guard let id = Int64(text), id > 0 else { throw ConsoleRefusal.invalidField(label: "印章编号", reason: "须为正整数") }
            return id
        }
        let from = try form.text("from").map { text in
            guard let day = Self.day(text) else { throw ConsoleRefusal.invalidField(label: "起始日期", reason: "须为 年-月-日，例如 2026-01-31") }
            return day
        }
        let to = try form.text("to").map { text in
            guard let day = Self.day(text) else { throw ConsoleRefusal.invalidField(label: "截止日期", reason: "须为 年-月-日，例如 2026-01-31") }
            return day.addingTimeInterval(86_400)
        }
        let officer = form.text("officer")
        let station = station
        let (entries, names) = try await work.run { (try station.useLog(sealID: sealID), OfficerNames.byID(try station.officers())) }
        return entries
            .filter { entry in
                (from.map { entry.usedAt >= $0 } ?? true) && (to.map { entry.usedAt < $0 } ?? true)
                    && (officer.map { names[entry.officerID] == $0 || names[entry.approverID] == $0 } ?? true)
            }
            .map { UseLogRow($0, officers: names) }
    }

    /// The CSV cells of one row, under ``useLogHeader``.
    static func useLogCells(_ row: UseLogRow) -> [String] {
        [String(row.id), String(row.sealID), time(row.usedAt), row.reason, row.approver, row.officer, String(row.count), row.document,
         row.documentSM3, row.stampedSM3 ?? "", row.placement ?? "", row.signatureID ?? ""]
    }

    /// One CSV record: every field quoted, quotes doubled (RFC 4180), CRLF. A field a spreadsheet would take for a
    /// formula (starting with = + - @, a tab or CR: what an officer typed as a reason) gets a leading apostrophe.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            let safe = field.first.map { "=+-@\t\r".contains($0) } == true ? "'" + field : field
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
