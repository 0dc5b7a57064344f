import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealRender
import SealResources

/// `sealstation render`: seal images from templates, as SVG (pure paths), PNG and PDF.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a seal image from a template: SVG (paths only, mm), PNG (600 dpi default), PDF (true size).",
        discussion: """
            Templates are YAML files (--templates DIR, else $SEALSTATION_TEMPLATES, else those installed with the program); each names the rule its numbers come from. The same inputs give byte-identical outputs; the SM3 of each is printed.
            --gallery DIR draws every template with its sample text and writes an index.html with the fonts and package versions the images depend on.

            Examples:
              sealstation render --template round-42 --name 北京某某科技发展有限公司 --code 1101080012345 --out seal
              sealstation render --template invoice-40x30 --name 北京某某科技发展有限公司 --tax-number 91110108MA00000070 --out inv
              sealstation render --gallery gallery
            """)

    @Option(help: ArgumentHelp("The template id (see --list).", valueName: "ID"))
    var template: String?

    @Option(help: "The unit or holder name (arc text, or the grid of a square seal).")
    var name: String?

    @Option(name: .customLong("use-name"), help: "The use line of a 专用章, e.g. 合同专用章.")
    var useName: String?

    @Option(help: "The 13-digit seal code (印章编码) for the lower arc.")
    var code: String?

    @Option(name: .customLong("tax-number"), help: "The 18-character 纳税人识别号 (invoice seals).")
    var taxNumber: String?

    @Option(help: "The seal number, e.g. (1) (invoice seals).")
    var serial: String?

    @Option(help: ArgumentHelp("Output path without extension; .svg, .png and .pdf are added.", valueName: "PATH"))
    var out: String?

    @Option(help: "PNG resolution in dots per inch.")
    var dpi: Double = SealRenderer.defaultDPI

    @Option(help: ArgumentHelp("The template directory.", valueName: "DIR"))
    var templates: String?

    @Option(help: ArgumentHelp("Draw every template with its sample text into DIR, with an index.html.", valueName: "DIR"))
    var gallery: String?

    @Flag(help: "List the templates.")
    var list = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Result: Encodable {
        var template: String
        var files: [OutputFile]
    }

    struct OutputFile: Encodable {
        var format: String
        var path: String
        var bytes: Int
        var sm3: String
    }

    func validate() throws {
        if !list && gallery == nil && (template == nil || out == nil) {
            throw ValidationError("give --template and --out, or --gallery DIR, or --list")
        }
        guard dpi >= 72, dpi <= 2400 else { throw ValidationError("--dpi must be between 72 and 2400") }
    }

    func run() throws {
        let library = try TemplateLibrary(directory: DataResolver.current.templates(flag: templates))
        if list {
            try listTemplates(library)
            return
        }
        let renderer = try SealRenderer()
        if let gallery {
            try Gallery.write(library: library, renderer: renderer, directory: URL(fileURLWithPath: gallery), dpi: dpi, json: json)
            return
        }
        let chosen = try library.template(template!)
        var fields: [String: String] = [:]
        for (key, value) in [("name", name), ("useName", useName), ("code", code), ("taxNumber", taxNumber), ("serial", serial)] {
            if let value { fields[key] = value }
        }
        let files = try Self.write(chosen, content: SealContent(fields), renderer: renderer, basePath: out!, dpi: dpi)
        let result = Result(template: chosen.id, files: files)
        if json {
            print(try Output.json(result))
        } else {
            print(Output.grid(header: ["format", "file", "bytes", "SM3"], rows: files.map { [$0.format, $0.path, "\($0.bytes)", $0.sm3] }))
        }
    }

    /// Renders `template` in every format to `basePath`.{svg,png,pdf}; refuses to overwrite.
    static func write(
        _ template: SealTemplate, content: SealContent, renderer: SealRenderer, basePath: String, dpi: Double
    ) throws -> [OutputFile] {
        let layout = try renderer.layout(template, content: content)
        var files: [OutputFile] = []
        for format in SealImageFormat.allCases {
            let bytes = try renderer.render(layout, format: format, dpi: dpi)
            let path = basePath + "." + format.fileExtension
            try ProtectedFile.write(bytes, to: path, mode: ProtectedFile.publicMode)
            files.append(OutputFile(format: format.rawValue, path: path, bytes: bytes.count, sm3: Hex.encode(try SM3.hash(bytes))))
        }
        return files
    }

    private func listTemplates(_ library: TemplateLibrary) throws {
        struct Entry: Encodable { var id: String; var title: String; var size: String; var fields: [String] }
        let entries = library.templates.map {
            Entry(id: $0.id, title: $0.title, size: "\($0.widthMM)×\($0.heightMM) mm", fields: $0.fields)
        }
        if json {
            print(try Output.json(entries))
        } else {
            print(Output.grid(header: ["id", "title", "size", "fields"], rows: entries.map { [$0.id, $0.title, $0.size, $0.fields.joined(separator: ", ")] }))
        }
    }
}
