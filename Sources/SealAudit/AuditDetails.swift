import Foundation

/// A record's details: a JSON object of strings with sorted keys and unescaped slashes, so the same details always
/// hash the same.
public enum AuditDetails {
    /// The canonical JSON of `values`.
    public static func canonical(_ values: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The values of canonical (or any) details JSON, nil when it is not an object of strings.
    public static func values(_ json: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
    }
}
