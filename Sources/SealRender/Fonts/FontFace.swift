internal import CCairo
import Foundation

/// A font opened twice with FreeType: one face that cairo draws with and one that layout measures with. cairo
/// leaves its own size and transform on the face it draws with (FT_Set_Transform) and assumes nobody changes them,
/// and loading a glyph on that face would return transformed metrics; the two must not be shared. The measuring
/// face is freed in `deinit`; the drawing face belongs to cairo (see `drawingFace`). Not thread-safe: each renderer
/// owns its faces.
final class FontFace {
    let role: FontRole
    private var library: FT_Library?
    /// The face layout measures with (never handed to cairo).
    let face: FT_Face
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
            var measuring: FT_Face?
            guard FT_New_Face(library, role.path, index, &measuring) == 0, let measuring else {
                throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
            }
            do {
                self.cairoFace = try Self.drawingFace(role: role, index: index)
            } catch {
                FT_Done_Face(measuring)
                throw error
            }
            self.library = library
            self.face = measuring
            self.unitsPerEm = Double(measuring.pointee.units_per_EM)
        } catch {
            FT_Done_FreeType(library)
            throw error
        }
    }

    /// A cairo font face over a FreeType face of its own, in a FreeType library of its own, both freed by cairo when
    /// it drops the font face (cairo keeps font faces in caches after we release ours; freeing the FreeType face
    /// first would leave cairo a dangling face, and a later face allocated at the same address would inherit its
    /// stale size and transform).
    private static func drawingFace(role: FontRole, index: Int) throws -> OpaquePointer {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw SealRenderError.drawing(operation: "FT_Init_FreeType", status: "failed")
        }
        var drawing: FT_Face?
        guard FT_New_Face(library, role.path, index, &drawing) == 0, let drawing else {
            FT_Done_FreeType(library)
            throw SealRenderError.fontFaceMissing(path: role.path, family: role.family)
        }
        guard let cairoFace = cairo_ft_font_face_create_for_ft_face(drawing, 0) else {
            FT_Done_Face(drawing)
            FT_Done_FreeType(library)
            throw SealRenderError.drawing(operation: "cairo_ft_font_face_create_for_ft_face", status: "null")
        }
        let owner = UnsafeMutablePointer<DrawingFaceOwner>.allocate(capacity: 1)
        owner.initialize(to: DrawingFaceOwner(library: library, face: drawing))
        let status = cairo_font_face_set_user_data(cairoFace, drawingFaceKey, owner, releaseDrawingFace)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            releaseDrawingFace(owner)
            throw SealRenderError.drawing(operation: "cairo_font_face_set_user_data", status: String(cString: cairo_status_to_string(status)))
        }
        return cairoFace
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
        // cairo frees the drawing face and its library once nothing of its own refers to them.
        cairo_font_face_destroy(cairoFace)
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

/// The FreeType library and face behind a cairo font face, freed by `releaseDrawingFace`.
private struct DrawingFaceOwner {
    var library: FT_Library
    var face: FT_Face
}

/// The key under which a cairo font face holds its `DrawingFaceOwner` (cairo compares keys by address).
nonisolated(unsafe) private let drawingFaceKey: UnsafeMutablePointer<cairo_user_data_key_t> = {
    let key = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)
    key.initialize(to: cairo_user_data_key_t())
    return key
}()

/// Called by cairo when it destroys the font face: frees the face, then its library, then the owner.
private let releaseDrawingFace: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
    guard let owner = pointer?.assumingMemoryBound(to: DrawingFaceOwner.self) else { return }
    FT_Done_Face(owner.pointee.face)
    FT_Done_FreeType(owner.pointee.library)
    owner.deinitialize(count: 1)
    owner.deallocate()
}
