public import Foundation

/// How a verifier reads the document file a user names, whatever its format.
public enum DocumentFile {
    /// The bytes of the file at `given`: a symbolic link is followed, and what it leads to must be a regular file (a
    /// device or pipe never ends) of at most `limit` bytes. The format's own errors are made by `unreadable` (with
    /// the reason) and `tooLarge` (with the size).
    public static func contents(
        of given: URL, limit: Int, unreadable: (String) -> any Error, tooLarge: (Int) -> any Error
    ) throws -> [UInt8] {
        let url = given.resolvingSymlinksInPath()
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let attributes, let size = attributes[.size] as? Int else { throw unreadable("\(url.path) does not exist or cannot be read") }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw unreadable("\(url.path) is not a regular file") }
        guard size <= limit else { throw tooLarge(size) }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw unreadable("\(url.path) cannot be read: \(error.localizedDescription)")
        }
    }
}
