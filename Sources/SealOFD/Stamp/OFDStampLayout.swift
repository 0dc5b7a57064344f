import SealDocument

/// Where a seal of a given true size goes for a placement: one box on one page (position, keyword) or one slice on
/// every page (riding, ofdrw's `RidingStampPos`). Page boxes are the page's own `Area/PhysicalBox`, else Document.xml's
/// `CommonData/PageArea`, else A4.
struct OFDStampLayout {
    /// One appearance before it has an ID: the page (0-based), the Boundary and the Clip.
    struct Box {
        var pageIndex: Int
        var boundary: MillimetreBox
        var clip: MillimetreBox?
    }

    let package: OFDPackage
    let documentPath: String
    let pages: [OFDPage]
    let defaultArea: OFDPageArea?
    let limits: OFDPackageLimits

    init(document: OFDFile, body: OFDFile.Body, limits: OFDPackageLimits) throws {
        package = document.package
        documentPath = body.document.path
        pages = body.document.pages
        defaultArea = try OFDPageArea.documentDefault(document.package, document: body.document.path, limits: limits)
        self.limits = limits
    }

    func content(_ index: Int) throws -> OFDPageContent {
        try OFDPageContent(package, page: pages[index], document: documentPath, limits: limits)
    }

    /// The page box of page `index` (0-based) as a MillimetreBox: only the page's Area is read from its content.
    func pageBox(_ index: Int) throws -> MillimetreBox {
        let area = try OFDPageArea.ofPage(package, page: pages[index], document: documentPath, limits: limits)
        let box = (area ?? defaultArea ?? .a4).physicalBox
        return MillimetreBox(x: box.x, y: box.y, width: box.width, height: box.height)
    }

    func boxes(for placement: StampPlacement, width: Double, height: Double) throws -> [Box] {
        switch placement {
        case .position(let page, let x, let y):
            guard (1...pages.count).contains(page) else { throw OFDStampError.pageOutOfRange(page: page, pageCount: pages.count) }
            guard x.isFinite, y.isFinite, abs(x) <= STArray.largestMagnitude, abs(y) <= STArray.largestMagnitude else {
                throw OFDStampError.invalidPosition(x: x, y: y)
            }
            let box = MillimetreBox(centreX: x, centreY: y, width: width, height: height)
            try check(box, onPage: page - 1)
            return [Box(pageIndex: page - 1, boundary: box, clip: nil)]
        case .keyword(let text, let occurrence):
            guard !text.isEmpty, occurrence >= 1 else { throw OFDStampError.invalidKeyword(text: text, occurrence: occurrence) }
            let search = OFDKeywordSearch(text)
            var found = 0
            for index in pages.indices {
                for match in search.matches(in: try content(index), pageIndex: index) {
                    found += 1
                    guard found == occurrence else { continue }
                    let centreX = match.box.x + match.box.width / 2
                    let centreY = match.box.y + match.box.height / 2
                    // Text placed far off any page (hostile advances or transforms) is not a position at all.
                    guard centreX.isFinite, centreY.isFinite, abs(centreX) <= STArray.largestMagnitude, abs(centreY) <= STArray.largestMagnitude else {
                        throw OFDStampError.invalidPosition(x: centreX, y: centreY)
                    }
                    let box = MillimetreBox(centreX: centreX, centreY: centreY, width: width, height: height)
                    try check(box, onPage: index)
                    return [Box(pageIndex: index, boundary: box, clip: nil)]
                }
            }
            throw OFDStampError.keywordNotFound(text: text, occurrence: occurrence, found: found)
        case .riding(let edge):
            guard pages.count >= 2 else { throw OFDStampError.ridingNeedsPages(pageCount: pages.count) }
            return try pages.indices.map { index in
                let page = try pageBox(index)
                guard width <= page.width, height <= page.height else {
                    throw OFDStampError.sealLargerThanPage(page: index + 1, width: Int(width), height: Int(height), pageBox: page)
                }
                let slice = RidingSlice(edge: edge, index: index, count: pages.count, page: page, width: width, height: height)
                return Box(pageIndex: index, boundary: slice.boundary, clip: slice.clip)
            }
        }
    }

    /// Refuses `box` unless it lies inside page `index`'s box.
    func check(_ box: MillimetreBox, onPage index: Int) throws {
        let page = try pageBox(index)
        guard page.contains(box, tolerance: 1e-9) else { throw OFDStampError.outsidePage(page: index + 1, box: box, pageBox: page) }
    }
}
