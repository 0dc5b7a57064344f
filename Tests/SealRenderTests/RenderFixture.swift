import Foundation
import SealRender
import SealTestSupport
import SealResources

/// The package's templates and one renderer per test.
struct RenderFixture {
    static var templatesDirectory: URL { try! DataResolver.current.templates() }

    let library: TemplateLibrary
    let renderer: SealRenderer

    init() throws {
        library = try TemplateLibrary(directory: Self.templatesDirectory)
        renderer = try SealRenderer()
    }

    /// The sample layout of template `id`.
    func sampleLayout(_ id: String) throws -> (SealTemplate, SealLayout) {
        let template = try library.template(id)
        return (template, try renderer.layout(template, content: SealContent(template.sample)))
    }

    /// A boolean mask of the pixels with any ink.
    static func mask(_ image: RasterImage) -> [Bool] {
        (0..<(image.width * image.height)).map { image.pixels[$0 * 4 + 3] > 0 }
    }
}
