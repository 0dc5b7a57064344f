import Foundation

/// The `SignedInfo/References` of a Signature.xml (GB/T 33190 §18.2.2), as the stamp needs them: which files an
/// earlier signature protects (to refuse stamping over a whole-protected document) and, after packaging, the
/// CheckValues to recompute.
struct OFDSignatureReferences {
    /// One `Reference`: the FileRef resolved against the Signature.xml's directory and the decoded CheckValue.
    struct Reference {
        var file: STLoc
        var checkValue: [UInt8]?
    }

    /// `References@CheckMethod` as written.
    var checkMethod: String?
    var references: [Reference]

    /// Reads the Signature.xml at `path` of `package`.
    init(_ package: OFDPackage, path: String, referredBy: String, limits: OFDPackageLimits) throws {
        let root = try OFDNamespace.root("Signature", of: path, in: package, referredBy: referredBy, limits: limits)
        guard let signedInfo = root.child("SignedInfo") else { throw OFDStructureError.missing(path, "SignedInfo") }
        let list = signedInfo.child("References")
        checkMethod = list?.attributes["CheckMethod"]
        references = try (list?.children("Reference") ?? []).map { element in
            guard let fileRef = element.attributes["FileRef"] else { throw OFDStructureError.missing(path, "FileRef on a Reference") }
            let value = element.child("CheckValue")?.text ?? ""
            return Reference(file: try STLoc(fileRef, in: path), checkValue: Data(base64Encoded: value).map(Array.init))
        }
    }
}
