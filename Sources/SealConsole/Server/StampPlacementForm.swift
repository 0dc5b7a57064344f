import SealDocument

/// Where 签章 puts a visible seal on an OFD, read from the form's fields the way `use sign` reads its placement options:
/// `placement` = `position` (`page`, `x`, `y`: the seal's centre in mm from the page's top-left corner), `keyword`
/// (`keyword`, `occurrence`) or `riding` (`edge`). The same ranges as the command line are enforced.
enum StampPlacementForm {
    /// The placement the form asks for.
    /// - Throws: ``ConsoleRefusal/invalidField(label:reason:)`` naming the field that is missing or out of range.
    static func placement(_ form: ConsoleForm) throws(ConsoleRefusal) -> StampPlacement {
        switch form.text("placement") ?? "position" {
        case "position":
            let page = try number(form, "page", label: "页码", default: 1, range: 1...100_000)
            guard let xText = form.text("x"), let yText = form.text("y") else {
                throw .invalidField(label: "位置", reason: "须填写印章中心距页面左上角的 X、Y（毫米）")
            }
            guard let x = Double(xText), let y = Double(yText), x.isFinite, y.isFinite, (0...10_000).contains(x), (0...10_000).contains(y) else {
                throw .invalidField(label: "位置", reason: "X、Y 须为 0 到 10000 之间的毫米数")
            }
            return .position(page: page, x: x, y: y)
        case "keyword":
            guard let keyword = form.text("keyword") else { throw .invalidField(label: "关键字", reason: "不能为空") }
            let occurrence = try number(form, "occurrence", label: "第几处", default: 1, range: 1...10_000)
            return .keyword(text: keyword, occurrence: occurrence)
        case "riding":
            guard let edge = PageEdge(rawValue: form.text("edge") ?? "right") else {
                throw .invalidField(label: "骑缝边", reason: "须为右、左、上或下")
            }
            return .riding(edge: edge)
        default:
            throw .invalidField(label: "盖章位置", reason: "须为按位置、按关键字或骑缝章")
        }
    }

    private static func number(
        _ form: ConsoleForm, _ name: String, label: String, default value: Int, range: ClosedRange<Int>
    ) throws(ConsoleRefusal) -> Int {
        guard let text = form.text(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalidField(label: label, reason: "须为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        }
        return number
    }
}
