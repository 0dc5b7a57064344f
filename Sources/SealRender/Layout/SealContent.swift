/// The text a seal shows, by field name ("name", "useName", "code", "taxNumber", "serial"…), as the template
/// names them.
public struct SealContent: Sendable, Hashable {
    public var fields: [String: String]

    public init(_ fields: [String: String]) {
        self.fields = fields
    }

    public subscript(field: String) -> String? { fields[field] }
}
