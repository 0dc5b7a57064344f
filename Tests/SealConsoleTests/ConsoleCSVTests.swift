@testable import SealConsole
import Testing

/// The 用印日志 CSV: RFC 4180 quoting, and no formula a spreadsheet would run from what an officer typed.
@Suite("The use log's CSV")
struct ConsoleCSVTests {
    @Test("fields are quoted with quotes doubled; a leading = + - @ is defused with an apostrophe")
    func quoting() {
        #expect(ConsoleApplication.csvLine(["签订\"采购\"合同", "a,b"]) == "\"签订\"\"采购\"\"合同\",\"a,b\"\r\n")
        #expect(ConsoleApplication.csvLine(["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "2026-12-01 10:00"])
            == "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",\"'-2\",\"'@SUM(A1)\",\"2026-12-01 10:00\"\r\n")
    }
}
