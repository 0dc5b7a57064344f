import Foundation
import SealCrypto
import SealPKI
import SealRender

/// `render --gallery`: every template with its sample text, and an index.html recording what the images depend on.
enum Gallery {
    struct Entry: Encodable {
        var id: String
        var title: String
        var source: String
        var notes: String?
        var sample: [String: String]
        var files: [RenderCommand.OutputFile]
    }

    struct Index: Encodable {
        var dpi: Double
        var fonts: FontInventory
        var templates: [Entry]
    }

    static func write(library: TemplateLibrary, renderer: SealRenderer, directory: URL, dpi: Double, json: Bool) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var entries: [Entry] = []
        for template in library.templates {
            let files = try RenderCommand.write(
                template, content: SealContent(template.sample), renderer: renderer,
                basePath: directory.appendingPathComponent(template.id).path, dpi: dpi)
            // Paths relative to the gallery, so two galleries of the same templates are the same bytes wherever they are.
            let relative = files.map { file in
                var file = file
                file.path = URL(fileURLWithPath: file.path).lastPathComponent
                return file
            }
            entries.append(Entry(
                id: template.id, title: template.title, source: template.source, notes: template.notes,
                sample: template.sample, files: relative))
        }
        let index = Index(dpi: dpi, fonts: FontInventory.current(), templates: entries)
        try ProtectedFile.write(Array(html(index).utf8), to: directory.appendingPathComponent("index.html").path, mode: ProtectedFile.publicMode)
        try ProtectedFile.write(Array(try Output.json(index).utf8), to: directory.appendingPathComponent("index.json").path, mode: ProtectedFile.publicMode)
        if json {
            print(try Output.json(index))
        } else {
            print(Output.grid(header: ["template", "title", "PNG SM3"], rows: entries.map { [$0.id, $0.title, String($0.files.first { $0.format == "png" }?.sm3.prefix(16) ?? "")] }))
            print("index: \(directory.appendingPathComponent("index.html").path)")
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(_ index: Index) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>SealStation seal templates</title>
            <style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;margin:1em;vertical-align:top;width:22em}
            img{width:12em;height:auto;background:#fff}td,th{padding:.2em .6em;text-align:left}code{font-size:.8em}</style></head><body>
            <h1>Seal templates</h1>
            <p>PNG at \(Int(index.dpi)) dpi; SVG of pure paths in millimetres; PDF at true size. Images are reproducible
            for the same fonts and libraries:</p>
            <table><tr><th>role</th><th>family</th><th>file</th><th>package</th><th>version</th></tr>

            """
        for font in index.fonts.fonts {
            html += "<tr><td>\(font.role)</td><td>\(font.family)</td><td><code>\(font.path)</code></td><td>\(font.debianPackage)</td><td>\(font.packageVersion)</td></tr>\n"
        }
        for (package, version) in index.fonts.libraries.sorted(by: { $0.key < $1.key }) {
            html += "<tr><td>library</td><td></td><td></td><td>\(package)</td><td>\(version)</td></tr>\n"
        }
        html += "</table>\n"
        for entry in index.templates {
            let png = entry.files.first { $0.format == "png" }?.path ?? ""
            html += "<figure><img src=\"\(escape(png))\" alt=\"\(escape(entry.title))\"><figcaption><b>\(escape(entry.id))</b> \(escape(entry.title))<br><small>\(escape(entry.source))</small>"
            if let notes = entry.notes { html += "<br><small><i>\(escape(notes))</i></small>" }
            for file in entry.files {
                html += "<br><code>\(file.format) \(file.sm3.prefix(16))…</code>"
            }
            html += "</figcaption></figure>\n"
        }
        return html + "</body></html>\n"
    }
}
