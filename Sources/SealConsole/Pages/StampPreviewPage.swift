/// 签章 preview: each page the seal would be drawn on — its page box, its text where the page content puts it, and the
/// seal's picture in its box (clipped for a riding seal's slice) — before anything is signed or recorded.
struct StampPreviewPage: Sendable {
    /// One page, in millimetres (the SVG's user units).
    struct Sheet: Sendable {
        struct Text: Sendable {
            let x: String
            let y: String
            let size: String
            let text: String
        }

        struct Seal: Sendable {
            let clipID: String
            let x: String, y: String, width: String, height: String
            let clipX: String, clipY: String, clipWidth: String, clipHeight: String
        }

        let number: Int
        let width: String
        let height: String
        let texts: [Text]
        let seals: [Seal]
    }

    let useID: String
    let document: String
    let placement: String
    let sealImage: String
    let sheets: [Sheet]
}
