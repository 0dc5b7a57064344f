import Foundation

/// A Signature.xml (GB/T 33190 §18.2, root element `Signature`) read leniently for verification: elements by name in
/// any order (ofdrw writes SignedValue first, AntChain StampAnnot before References), both OFD namespaces, the
/// Provider's fields as attributes or (dms360) child elements. What it accepted off the standard is in `deviations`.
struct OFDSignatureDescription {
    /// One `Reference`: the file (resolved), its FileRef as written and the CheckValue as written (base64).
    struct Reference {
        var written: String
        /// The resolved member path, nil when the FileRef cannot be resolved.
        var path: String?
        var checkValue: String
    }

    /// One `StampAnnot` as written.
    struct StampAnnot {
        var id: String
        var pageRef: String
        var boundary: String
        var clip: String?
    }

    /// The package path of the Signature.xml.
    var path: String
    /// `Provider@ProviderName` (or its child element).
    var providerName: String?
    /// `References@CheckMethod`, as written.
    var checkMethod: String?
    var references: [Reference]
    var stampAnnots: [StampAnnot]
    /// `Seal/BaseLoc`, resolved, when the signature declares a seal file.
    var sealLoc: STLoc?
    /// `SignedValue`, resolved.
    var signedValue: STLoc
    var deviations: [String]

    /// Reads the Signature.xml at `path` of `package`, named by the Signatures.xml at `listPath`.
    init(_ package: OFDPackage, path: String, referredBy listPath: String, limits: OFDPackageLimits) throws {
        self.path = path
        let root = try OFDNamespace.root("Signature", of: path, in: package, referredBy: listPath, limits: limits)
        var deviations: [String] = []
        guard let signedInfo = root.child("SignedInfo") else { throw OFDStructureError.missing(path, "SignedInfo") }
        if let provider = signedInfo.child("Provider") {
            providerName = provider.attributes["ProviderName"]
            if providerName == nil, let child = provider.child("ProviderName") {
                providerName = child.text
                deviations.append("/\(path): Provider gives its fields as child elements, not attributes")
            }
        } else {
            deviations.append("/\(path): SignedInfo has no Provider")
        }
        guard let list = signedInfo.child("References") else { throw OFDStructureError.missing(path, "SignedInfo/References") }
        checkMethod = list.attributes["CheckMethod"]
        references = try list.children("Reference").map { element in
            guard let written = element.attributes["FileRef"] else { throw OFDStructureError.missing(path, "FileRef on a Reference") }
            let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
            let resolved = try? STLoc(trimmed, in: path)
            if let resolved, !trimmed.hasPrefix("/") {
                deviations.append(
                    "/\(path): Reference FileRef '\(trimmed)' is relative; read as /\(resolved.path) (against the Signature.xml's directory, as ofdrw does)")
            }
            return Reference(written: trimmed, path: resolved?.path, checkValue: element.child("CheckValue")?.text ?? "")
        }
        stampAnnots = signedInfo.children("StampAnnot").map { element in
            StampAnnot(
                id: element.attributes["ID"] ?? "", pageRef: element.attributes["PageRef"] ?? "", boundary: element.attributes["Boundary"] ?? "",
                clip: element.attributes["Clip"])
        }
        if let seal = signedInfo.child("Seal") {
            guard let loc = seal.child("BaseLoc") else { throw OFDStructureError.missing(path, "Seal/BaseLoc") }
            sealLoc = try STLoc(loc.text, in: path)
        }
        guard let value = root.child("SignedValue") else { throw OFDStructureError.missing(path, "SignedValue") }
        signedValue = try STLoc(value.text, in: path)
        self.deviations = deviations
    }
}
