public import Foundation

/// `DocInfo` of a document SealStation writes (GB/T 33190 §7.4, CT_DocInfo in XSD order: DocID, Title,
/// CreationDate, Creator, CreatorVersion).
public struct OFDDocInfo: Sendable, Equatable {
    /// 32 lower-case hex characters (a random UUID's by default), as ofdrw and the tax systems write it.
    public var docID: String
    /// The document title, when given.
    public var title: String?
    /// The day written as `CreationDate` (`xs:date`, UTC) and the time of the package's members.
    public var creationDate: Date
    /// `Creator`: "SealStation".
    public var creator: String
    /// `CreatorVersion`.
    public var creatorVersion: String

    /// The DocInfo of a new document.
    public init(docID: String = OFDDocInfo.randomDocID(), title: String? = nil, creationDate: Date = Date(),
                creator: String = "SealStation", creatorVersion: String = "0.1.0") {
        self.docID = docID
        self.title = title
        self.creationDate = creationDate
        self.creator = creator
        self.creatorVersion = creatorVersion
    }

    /// 32 hex characters of a fresh random UUID.
    public static func randomDocID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// `creationDate` as `YYYY-MM-DD` in UTC.
    var creationDay: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: creationDate)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }

    /// The `DocInfo` element.
    var xml: String {
        var out = "<ofd:DocInfo><ofd:DocID>\(OFDXMLText.escaped(docID))</ofd:DocID>"
        if let title { out += "<ofd:Title>\(OFDXMLText.escaped(title))</ofd:Title>" }
        out += "<ofd:CreationDate>\(creationDay)</ofd:CreationDate>"
        out += "<ofd:Creator>\(OFDXMLText.escaped(creator))</ofd:Creator>"
        out += "<ofd:CreatorVersion>\(OFDXMLText.escaped(creatorVersion))</ofd:CreatorVersion></ofd:DocInfo>"
        return out
    }
}
