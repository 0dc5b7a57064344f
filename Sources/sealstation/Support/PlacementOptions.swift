public import ArgumentParser
import Foundation
public import SealDocument
public import SealPDF

/// Where `use sign` puts a visible seal on an OFD or PDF document: by position, by keyword, or riding the edges of
/// every page. Millimetres from the page's top-left corner; the seal is always drawn at its true size.
struct PlacementOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The page (1 = first) for --at.", valueName: "N"))
    var page: Int?

    @Option(help: ArgumentHelp("The seal's centre in mm from the page's top-left corner.", valueName: "X,Y"))
    var at: String?

    @Option(help: ArgumentHelp("Centre the seal on this text of the pages' content.", valueName: "TEXT"))
    var keyword: String?

    @Option(help: ArgumentHelp("Which appearance of --keyword (1 = first, in page order).", valueName: "K"))
    var occurrence: Int?

    @Flag(help: "A riding seal (骑缝章): one signature cut across the edge of every page.")
    var riding = false

    @Option(help: ArgumentHelp("The edge a riding seal cuts across: right (default), left, top or bottom.", valueName: "EDGE"))
    var edge: PageEdge?

    /// Whether any placement option was given (a detached signature takes none).
    var isGiven: Bool { page != nil || at != nil || keyword != nil || occurrence != nil || riding || edge != nil }

    /// Checks the placement options when any is given; a detached signature takes none.
    func validate() throws {
        if isGiven { _ = try placement }
    }

    /// The placement asked for.
    /// - Throws: `ValidationError` naming the conflicting or missing option.
    var placement: StampPlacement {
        get throws {
            let ways = [at != nil || page != nil, keyword != nil || occurrence != nil, riding || edge != nil].filter { $0 }.count
            guard ways > 0 else {
                throw ValidationError("say where the seal goes: --page N --at X,Y, --keyword TEXT, or --riding")
            }
            guard ways == 1 else { throw ValidationError("give one placement: --page/--at, --keyword/--occurrence, or --riding/--edge") }
            if riding || edge != nil {
                guard riding else { throw ValidationError("--edge is for a riding seal; add --riding") }
                return .riding(edge: edge ?? .right)
            }
            if let keyword {
                guard !keyword.isEmpty else { throw ValidationError("--keyword is empty") }
                let occurrence = occurrence ?? 1
                guard (1...10_000).contains(occurrence) else { throw ValidationError("--occurrence \(occurrence) is outside 1–10000") }
                return .keyword(text: keyword, occurrence: occurrence)
            }
            guard keyword == nil, occurrence == nil else { throw ValidationError("--occurrence needs --keyword") }
            guard let at else { throw ValidationError("--page needs --at X,Y (the seal's centre in mm)") }
            let page = page ?? 1
            guard (1...100_000).contains(page) else { throw ValidationError("--page \(page) is outside 1–100000") }
            let parts = at.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite, (0...10_000).contains(x), (0...10_000).contains(y) else {
                throw ValidationError("--at \"\(at)\" is not X,Y in millimetres (two numbers from 0 to 10000, e.g. --at 150,240)")
            }
            return .position(page: page, x: x, y: y)
        }
    }
}

extension PageEdge: ExpressibleByArgument {}
extension PDFSignedData.ContentTypes: ExpressibleByArgument {}
