import Foundation

/// The printable filing sheet (备案交接单) that travels with a bundle: what the courier hands over and the receiving
/// clerk checks — station, sequence, date, a table of the seals, each seal image at its true size, the QR manifest,
/// and signature lines for the handover. Drawn by ``SealRenderer/filingSheetPDF(_:)`` on A4.
public struct FilingSheet: Sendable {
    /// One row of the seal table.
    public struct Row: Sendable {
        public var esID: String
        public var unit: String
        public var creditCode: String
        public var kind: String
        public var state: String
        public var validity: String

        public init(esID: String, unit: String, creditCode: String, kind: String, state: String, validity: String) {
            self.esID = esID
            self.unit = unit
            self.creditCode = creditCode
            self.kind = kind
            self.state = state
            self.validity = validity
        }
    }

    /// A seal image to print at its true size, with its caption.
    public struct Image: Sendable {
        public var caption: String
        public var layout: SealLayout

        public init(caption: String, layout: SealLayout) {
            self.caption = caption
            self.layout = layout
        }
    }

    public var title: String
    /// Labelled lines under the title (station, station id, sequence, date, digests…).
    public var facts: [(label: String, value: String)]
    public var rows: [Row]
    public var images: [Image]
    /// Seals whose images are left off the sheet (a long bundle's; they are in the bundle), said on the sheet.
    public var imagesOmitted: Int
    /// The QR manifest and its module size.
    public var qr: QRCodeImage
    public var qrModuleMM: Double
    /// The handover signature lines.
    public var signatureLines: [String]

    public init(title: String, facts: [(label: String, value: String)], rows: [Row], images: [Image], imagesOmitted: Int = 0,
                qr: QRCodeImage, qrModuleMM: Double, signatureLines: [String]) {
        self.title = title
        self.facts = facts
        self.rows = rows
        self.images = images
        self.imagesOmitted = imagesOmitted
        self.qr = qr
        self.qrModuleMM = qrModuleMM
        self.signatureLines = signatureLines
    }
}
