import Foundation

/// The namespaces OFD XML is read in: the standard's, and the one some 数科 (SuwellFormSDK) files use.
public enum OFDNamespace {
    /// `http://www.ofdspec.org/2016` (GB/T 33190-2016), written by SealStation.
    public static let standard = "http://www.ofdspec.org/2016"
    /// `http://www.ofdspec.org`, read leniently as ofdrw does.
    public static let legacy = "http://www.ofdspec.org"

    /// Parses `file` of `package` and checks that its root is `root` in an OFD namespace.
    static func root(_ root: String, of file: String, in package: OFDPackage, referredBy: String, limits: OFDPackageLimits) throws -> OFDXMLElement {
        guard let bytes = package.file(file) else { throw OFDStructureError.missingFile(file, referredBy: referredBy) }
        let element = try OFDXMLParser.parse(bytes, file: file, limits: limits)
        guard element.name == root else { throw OFDStructureError.wrongRoot(file, expected: root, found: element.name) }
        guard element.namespace == standard || element.namespace == legacy else { throw OFDStructureError.wrongNamespace(file, element.namespace) }
        return element
    }

    /// An ST_ID (unsigned 32-bit integer) written as `value` for `what` in `file`.
    static func id(_ value: String?, _ what: String, in file: String) throws -> UInt32 {
        guard let value else { throw OFDStructureError.missing(file, what) }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 10, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = UInt32(trimmed) else {
            throw OFDStructureError.badValue(file, what, value)
        }
        return number
    }
}
