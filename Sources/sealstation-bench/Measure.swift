import Foundation

/// One measured figure and its reference from the same run.
struct BenchFigure: Encodable {
    var name: String
    var unit: String
    var ours: Double
    var reference: Double
    var ratio: Double

    init(name: String, unit: String, ours: Double, reference: Double) {
        self.name = name
        self.unit = unit
        self.ours = ours
        self.reference = reference
        self.ratio = ours / reference
    }
}

/// A benchmark's figures, printed as a table or JSON.
struct BenchReport: Encodable {
    var seconds: Int
    /// The reference tool and its version.
    var reference: String
    var figures: [BenchFigure]

    func print(json: Bool) throws {
        if json {
            try Measure.printJSON(self)
            return
        }
        Swift.print("reference: \(reference)" + (seconds > 0 ? ", \(seconds) s per measurement, one thread" : ""))
        let width = max(20, (figures.map(\.name.count).max() ?? 0) + 2)
        Swift.print(Self.pad("measurement", width) + Self.pad("ours", 16) + Self.pad("reference", 16) + "ratio")
        for figure in figures {
            Swift.print(Self.pad(figure.name, width) + Self.pad(Self.format(figure.ours, figure.unit), 16)
                + Self.pad(Self.format(figure.reference, figure.unit), 16) + String(format: "%.3f", figure.ratio))
        }
    }

    private static func format(_ value: Double, _ unit: String) -> String { String(format: "%.1f ", value) + unit }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
    }
}

/// Timing helpers.
enum Measure {
    /// Operations per second of `body` over about `duration` seconds (batches of 16, monotonic clock).
    static func rate(for duration: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var elapsed: Double = 0
        repeat {
            for _ in 0..<16 { try body() }
            count += 16
            let spent = clock.now - start
            elapsed = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        } while elapsed < duration
        return Double(count) / elapsed
    }

    /// Wall-clock seconds `body` takes (monotonic clock).
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let spent = try ContinuousClock().measure(body)
        return Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
    }

    /// Prints `value` as pretty, key-sorted JSON (every benchmark's --json output).
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Progress lines on standard error (not with --json).
    static func log(_ json: Bool, _ text: String) {
        if !json { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
