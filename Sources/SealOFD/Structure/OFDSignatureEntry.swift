import Foundation

/// One `Signature` entry of Signatures.xml (GB/T 33190 §18.1): its ID, type and the location of its Signature.xml.
public struct OFDSignatureEntry: Sendable, Equatable {
    /// `Type`: a seal (签章, the default) or a plain signature (签名).
    public enum Kind: String, Sendable, Equatable {
        case seal = "Seal"
        case sign = "Sign"
    }

    /// `ID` as written (ST_ID in the standard; ofdrw writes `s001`, so it is kept as text).
    public var id: String
    /// `Type`; `Seal` when absent.
    public var kind: Kind
    /// Whether `Type` was written (third-party producers often omit it).
    public var kindWritten: Bool
    /// `BaseLoc`: the signature's Signature.xml, resolved against Signatures.xml's directory (`F:999` writes it relative).
    public var baseLoc: STLoc

    init(_ element: OFDXMLElement, in file: String) throws {
        guard let id = element.attributes["ID"]?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
            throw OFDStructureError.missing(file, "ID on a Signature")
        }
        self.id = id
        let type = element.attributes["Type"]
        kindWritten = type != nil
        guard let kind = Kind(rawValue: type ?? "Seal") else { throw OFDStructureError.badValue(file, "Type of Signature \(id)", type ?? "") }
        self.kind = kind
        guard let loc = element.attributes["BaseLoc"] else { throw OFDStructureError.missing(file, "BaseLoc on Signature \(id)") }
        baseLoc = try STLoc(loc, in: file)
    }
}
