/// A file of the document that a signature does not protect.
public struct UnprotectedFile: Sendable, Codable, Equatable, Hashable {
    /// Why the file is not protected.
    public enum Reason: String, Sendable, Codable {
        /// It was there when the signature was made but the signer left it out.
        case notReferenced
        /// It belongs to a later signature, so it was added after this one was made.
        case addedAfterSigning
    }

    /// The file's path in the package, absolute (`/Doc_0/TPLS/TPL_0/Content.xml`).
    public var file: String
    public var reason: Reason
    /// The files that use it (a page that draws a template, a resource file that names a font), absolute; empty
    /// when nothing the reader draws refers to it.
    public var usedBy: [String]

    /// `file`, unprotected for `reason`, used by `usedBy`.
    public init(file: String, reason: Reason, usedBy: [String] = []) {
        self.file = file
        self.reason = reason
        self.usedBy = usedBy
    }
}
