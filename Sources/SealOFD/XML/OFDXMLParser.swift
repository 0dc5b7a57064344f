import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses the XML files of an OFD package with FoundationXML's `XMLParser`, safely: a file with a document type
/// declaration or an entity declaration is refused before parsing (so no external entity is fetched and no entity is
/// expanded: no XXE, no billion laughs), external entity resolution is off in the parser as well, and any DTD event
/// the parser still reports aborts it. Only UTF-8 is accepted; size and nesting depth are limited.
public enum OFDXMLParser {
    /// The root element of the XML `bytes` of `file` (its package path, for messages).
    /// - Throws: ``OFDXMLError`` naming the file.
    public static func parse(_ bytes: [UInt8], file: String, limits: OFDPackageLimits = OFDPackageLimits()) throws -> OFDXMLElement {
        guard bytes.count <= limits.xmlBytes else { throw OFDXMLError.tooLarge(file, limit: limits.xmlBytes) }
        // UTF-16/32 (a BOM or NUL bytes) would hide a declaration from the scan below; OFD XML is UTF-8.
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { throw OFDXMLError.notUTF8(file) }
        if contains(bytes, "<!DOCTYPE") || contains(bytes, "<!ENTITY") { throw OFDXMLError.documentTypeDeclaration(file) }
        let delegate = Delegate(file: file, depthLimit: limits.xmlDepth)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed, let root = delegate.root else {
            throw OFDXMLError.malformed(file, parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element")
        }
        return root
    }

    /// Whether `bytes` contain the ASCII `marker` (case-insensitively: XML keywords are case-sensitive, a near miss
    /// is refused as well).
    static func contains(_ bytes: [UInt8], _ marker: String) -> Bool {
        let needle = Array(marker.uppercased().utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            var index = 1
            while index < needle.count, asciiUpper(bytes[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    static func asciiUpper(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }

    /// Builds the element tree; stops the parser on anything DTD-related or too deep.
    final class Delegate: NSObject, XMLParserDelegate {
        let file: String
        let depthLimit: Int
        var stack: [OFDXMLElement] = []
        var root: OFDXMLElement?
        var failure: OFDXMLError?

        init(file: String, depthLimit: Int) {
            self.file = file
            self.depthLimit = depthLimit
        }

        func fail(_ error: OFDXMLError, _ parser: XMLParser) {
            if failure == nil { failure = error }
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            guard failure == nil else { return }
            guard stack.count < depthLimit else { return fail(.tooDeep(file, limit: depthLimit), parser) }
            guard root == nil || !stack.isEmpty else { return fail(.malformed(file, "more than one root element"), parser) }
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict {
                // Namespace-processed names may still carry a prefix on some platforms.
                attributes[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(OFDXMLElement(name: local, namespace: namespaceURI ?? "", attributes: attributes, text: "", children: []))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard failure == nil, var element = stack.popLast() else { return }
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard failure == nil, !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard failure == nil, !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail(.documentTypeDeclaration(file), parser)
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(.documentTypeDeclaration(file), parser)
        }

        func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
            fail(.documentTypeDeclaration(file), parser)
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            fail(.documentTypeDeclaration(file), parser)
            return nil
        }
    }
}
