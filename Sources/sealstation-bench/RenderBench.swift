import ArgumentParser
import Foundation
import SealRender
import SealResources

extension BenchCommand {
    /// Milliseconds per 42 mm PNG at 600 dpi against rsvg-convert rasterising our SVG to the same size.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "ms per 42 mm seal PNG at 600 dpi vs rsvg-convert rasterising our own SVG (goal ≤ 1.0).",
            discussion: """
                Ours: layout plus drawing plus PNG encoding of the round-42 sample, in process. Reference:
                `rsvg-convert -d 600 -p 600` on our SVG of the same seal, one process per image (as it is used), timed
                over the same number of seconds. The ratio is ours ÷ reference (lower is better).

                Example:
                  Scripts/bench render --seconds 3
                """)

        @Option(help: "Seconds per measurement.")
        var seconds: Int = 3

        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR"))
        var templates: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let library = try TemplateLibrary(directory: DataResolver.current.templates(flag: templates))
            let template = try library.template("round-42")
            let renderer = try SealRenderer()
            let content = SealContent(template.sample)
            Measure.log(json, "measuring our PNG rendering for \(seconds) s…")
            let ours = try Measure.rate(for: Double(seconds)) {
                _ = try renderer.render(renderer.layout(template, content: content), format: .png, dpi: 600)
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let svg = directory.appendingPathComponent("seal.svg"), png = directory.appendingPathComponent("rsvg.png")
            try Data(renderer.render(renderer.layout(template, content: content), format: .svg)).write(to: svg)
            Measure.log(json, "measuring rsvg-convert for \(seconds) s…")
            var failure: String?
            let reference = try Measure.rate(for: Double(seconds)) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
                process.arguments = ["-d", "600", "-p", "600", svg.path, "-o", png.path]
                try Measure.launch(process)
                process.waitUntilExit()
                if process.terminationStatus != 0 { failure = "rsvg-convert exited \(process.terminationStatus)" }
            }
            if let failure { throw BenchError.measurementFailed(failure) }
            // Rates are images per second; report milliseconds per image and the ratio of times.
            let figure = BenchFigure(name: "42 mm PNG at 600 dpi", unit: "ms", ours: 1000 / ours, reference: 1000 / reference)
            try BenchReport(seconds: seconds, reference: "rsvg-convert " + Self.rsvgVersion(), figures: [figure]).print(json: json)
        }

        static func rsvgVersion() -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
            process.arguments = ["--version"]
            let output = Pipe()
            process.standardOutput = output
            guard (try? process.run()) != nil else { return "unknown" }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
