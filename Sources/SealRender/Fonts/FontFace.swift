internal import CCairo
import Foundation

/// A font opened twice with FreeType: one face that cairo draws with and one that layout measures with. cairo
/// leaves its own size and transform on the face it draws with (FT_Set_Transform) and assumes nobody changes them,
/// and loading a glyph on that face would return transformed metrics; the two must not be shared.
/// Everything is freed in `deinit`. Not thread-safe: each renderer owns its faces.
final class FontFace {
    let role: FontRole
    private var library: FT_Library?
    /// The face layout measures with (never handed to cairo).
    let face: FT_Face
    private let drawingFace: FT_Face
    let cairoFace: OpaquePointer
    /// Font units per em.
    let unitsPerEm: Double

    init(_ role: FontRole) throws {
        self.role = role
        guard FileManager.default.fileExists(atPath: role.path) else {
            throw SealRenderError.fontMissing(path: role.path, package: role.debianPackage)
        }
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw SealRenderError.drawing(operation: "FT_Init_FreeType", status: "failed")
        }
        do {
            let index = try Self.faceIndex(library: library, role: role)
            var measuring: FT_Face?, drawing: FT_Face?
            guard FT_New_Face(library, role.path, index, &measuring) == 0, let measuring else {
                throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
            }
            guard FT_New_Face(library, role.path, index, &drawing) == 0, let drawing else {
                FT_Done_Face(measuring)
                throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
            }
            guard let cairoFace = cairo_ft_font_face_create_for_ft_face(drawing, 0) else {
                FT_Done_Face(measuring)
                FT_Done_Face(drawing)
                throw SealRenderError.drawing(operation: "cairo_ft_font_face_create_for_ft_face", status: "null")
            }
            self.library = library
            self.face = measuring
            self.drawingFace = drawing
            self.cairoFace = cairoFace
            self.unitsPerEm = Double(measuring.pointee.units_per_EM)
        } catch {
            FT_Done_FreeType(library)
            throw error
        }
    }

    /// The index of the face of `role`'s family in its file (a .ttc holds several; Noto's SC face is index 2).
    private static func faceIndex(library: FT_Library, role: FontRole) throws -> Int {
        var index = 0
        while true {
            var candidate: FT_Face?
            guard FT_New_Face(library, role.path, index, &candidate) == 0, let candidate else {
                throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
            }
            defer { FT_Done_Face(candidate) }
            if candidate.pointee.family_name.map({ String(cString: $0) }) == role.family { return index }
            index += 1
            if index >= candidate.pointee.num_faces {
                throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
            }
        }
    }

    deinit {
        cairo_font_face_destroy(cairoFace)
        FT_Done_Face(drawingFace)
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// The glyph index of `character`, or nil when the face lacks it.
    func glyphIndex(_ character: Character) -> UInt32? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        return index == 0 ? nil : index
    }

    /// Design metrics of a glyph in em: horizontal advance and ink box (xMin, yMin, xMax, yMax; y up).
    func metrics(glyph: UInt32) throws -> (advance: Double, box: (Double, Double, Double, Double)) {
        guard FT_Load_Glyph(face, glyph, Int32(CCairo_FT_LOAD_NO_SCALE() | CCairo_FT_LOAD_NO_BITMAP())) == 0 else {
            throw SealRenderError.drawing(operation: "FT_Load_Glyph", status: "glyph \(glyph)")
        }
        let slot = face.pointee.glyph.pointee
        var box = FT_BBox()
        var outline = slot.outline
        FT_Outline_Get_CBox(&outline, &box)
        let em = unitsPerEm
        return (Double(slot.advance.x) / em,
                (Double(box.xMin) / em, Double(box.yMin) / em, Double(box.xMax) / em, Double(box.yMax) / em))
    }
}
