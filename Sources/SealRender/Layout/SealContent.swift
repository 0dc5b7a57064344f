/// The text a seal shows, by field name ("name", "useName", "code", "taxNumber", "serial"…), as the template
/// names them.
public struct SealContent: Sendable, Hashable {
    public var fields: [String: String]

    public init(_ fields: [String: String]) {
        self.fields = fields
    }

    public subscript(field: String) -> String? { fields[field] }

    /// What a station seal shows: the holder's name on a personal seal, else the unit name and any use name (专用章),
    /// and the physical seal's code. The station draws with this at issue and verifiers redraw filed seals with it.
    public static func seal(unitName: String, useName: String?, holderName: String?, code: String?) -> SealContent {
        var fields = ["name": holderName ?? unitName]
        if holderName == nil, let useName { fields["useName"] = useName }
        if let code { fields["code"] = code }
        return SealContent(fields)
    }
}
