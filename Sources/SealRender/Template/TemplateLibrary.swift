public import Foundation
import Yams

/// The templates found in a directory of YAML files (where `SealResources.DataResolver` finds them).
public struct TemplateLibrary: Sendable {
    /// Templates by id, in file-name order.
    public let templates: [SealTemplate]
    /// The directory read.
    public let directory: URL
    /// The bytes each template was decoded from, by id: what is hashed (pins, filing bundles) is exactly what is drawn
    /// with, even if a file changes after it was read.
    private let sources: [String: [UInt8]]

    /// Reads every `*.yaml` in `directory`; a file that does not decode is an error naming the file.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw SealRenderError.templateFile(path: directory.path, reason: "cannot list the directory")
        }
        var templates: [SealTemplate] = []
        var sources: [String: [UInt8]] = [:]
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SealRenderError.templateFile(path: path, reason: "not readable")
            }
            let template: SealTemplate
            do {
                template = try YAMLDecoder().decode(SealTemplate.self, from: data)
            } catch {
                throw SealRenderError.templateFile(path: path, reason: "\(error)")
            }
            guard template.id + ".yaml" == name else {
                throw SealRenderError.templateFile(path: path, reason: "its id \"\(template.id)\" must match the file name")
            }
            templates.append(template)
            sources[template.id] = Array(data)
        }
        self.templates = templates
        self.directory = directory
        self.sources = sources
    }

    /// The template with `id`.
    public func template(_ id: String) throws -> SealTemplate {
        guard let template = templates.first(where: { $0.id == id }) else {
            throw SealRenderError.unknownTemplate(id: id, available: templates.map(\.id))
        }
        return template
    }

    /// The file the template `id` is read from.
    public func path(of id: String) -> String { directory.appendingPathComponent(id + ".yaml").path }

    /// The bytes the template `id` was decoded from (what a station pins and a filing bundle records the SM3 of).
    public func source(of id: String) throws -> [UInt8] {
        _ = try template(id)
        return sources[id] ?? []
    }
}
