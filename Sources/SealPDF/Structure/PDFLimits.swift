/// What a PDF reader accepts before it refuses a file as hostile: its size, its object count, its pages and its form
/// fields. The defaults take any real document (a 10,000-page scan is far below them).
public struct PDFLimits: Sendable, Equatable {
    /// The largest file read (512 MiB).
    public var fileBytes: Int
    /// The most objects the cross-reference data may declare (trailer /Size).
    public var objects: Int
    /// The most pages.
    public var pages: Int
    /// The most form fields walked in the AcroForm tree, and its deepest nesting.
    public var fields: Int
    public var fieldDepth: Int
    /// The largest /Contents of a signature (a CMS with its seal and chain is tens of KB).
    public var signatureBytes: Int

    public init(
        fileBytes: Int = 512 << 20, objects: Int = 500_000, pages: Int = 50_000, fields: Int = 10_000, fieldDepth: Int = 32,
        signatureBytes: Int = 4 << 20
    ) {
        self.fileBytes = fileBytes
        self.objects = objects
        self.pages = pages
        self.fields = fields
        self.fieldDepth = fieldDepth
        self.signatureBytes = signatureBytes
    }
}
