/// A signature field of a PDF (ISO 32000-1 §12.7.4.5, §12.8.1) with its signature dictionary as written: what a
/// verifier needs to check it.
public struct PDFSignatureField: Sendable {
    /// The field's fully qualified name (the /T of it and its ancestors, joined by dots).
    public var name: String
    /// The field object.
    public var field: PDFReference?
    /// The signature dictionary (/V).
    public var signature: PDFReference?
    /// /Filter and /SubFilter of the signature dictionary (names without `/`).
    public var filter: String?
    public var subFilter: String?
    /// /ByteRange as written.
    public var byteRange: [Int64]
    /// /Contents, the decoded string (the CMS followed by the zero padding).
    public var contents: [UInt8]
    /// /M, the signing time as written (`D:20261203120000+08'00'`).
    public var signingTimeText: String?
    /// /Reason and /Name.
    public var reason: String?
    public var signerName: String?
    /// The 1-based page of the field's (first) widget and its /Rect (user space), when the widget is on a page.
    public var page: Int?
    public var rect: [Double]?
    /// Every widget of the field: the field itself when it is its widget, and its widget /Kids (a riding seal has one
    /// per page); the page is nil when the widget's /P names no page.
    public var widgets: [(page: Int?, rect: [Double])] = []

    public init(
        name: String, field: PDFReference?, signature: PDFReference?, filter: String?, subFilter: String?, byteRange: [Int64],
        contents: [UInt8], signingTimeText: String?, reason: String?, signerName: String?, page: Int?, rect: [Double]?
    ) {
        self.name = name
        self.field = field
        self.signature = signature
        self.filter = filter
        self.subFilter = subFilter
        self.byteRange = byteRange
        self.contents = contents
        self.signingTimeText = signingTimeText
        self.reason = reason
        self.signerName = signerName
        self.page = page
        self.rect = rect
    }
}
