import Foundation

/// Pages of an OFD drawn by a reader we did not write: PyPI easyofd (in `.build-venv`, from Scripts/setup) renders a
/// page to PNG through `Tests/SealOFDTests/Scripts/render-ofd.py`, which counts dark (text) and red (seal) pixels
/// inside boxes given in page millimetres.
public enum OFDRendering {
    /// One render-ofd.py report.
    public struct Report: Decodable, Sendable {
        public struct Box: Decodable, Sendable {
            public var red: Int
            public var dark: Int
            public var pixels: Int
        }

        public var width: Int
        public var height: Int
        public var pages: Int
        public var song: String
        public var boxes: [Box]
        public var red_total: Int
        public var dark_total: Int
    }

    /// `<package root>/Tests/SealOFDTests/Scripts/render-ofd.py`.
    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SealOFDTests/Scripts/render-ofd.py").path
    }

    /// Why a page could not be rendered: the venv is missing (run Scripts/setup) or the script failed.
    public struct RenderFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Renders `page` of `file` at `dpi` and measures `boxes` (x, y, w, h in mm).
    public static func render(_ file: String, page: Int = 1, dpi: Int = 100, boxes: [[Double]]) throws -> Report {
        guard FileManager.default.isExecutableFile(atPath: PythonTools.python) else {
            throw RenderFailed(description: "no \(PythonTools.python): run Scripts/setup")
        }
        var arguments = [script, file, "--page", String(page), "--dpi", String(dpi)]
        for box in boxes { arguments += ["--box", box.map { String($0) }.joined(separator: ",")] }
        let result = try ExternalTool.run(PythonTools.python, arguments)
        guard result.succeeded else { throw RenderFailed(description: "render-ofd.py: \(result.stderr.suffix(2000))") }
        return try JSONDecoder().decode(Report.self, from: result.standardOutput)
    }
}
