/// One element of an OFD XML file as parsed: its local name and namespace, attributes (by local name), the text
/// directly inside it (trimmed of surrounding whitespace) and its child elements in order.
public struct OFDXMLElement: Sendable, Equatable {
    /// The local name (`Page` for `ofd:Page`).
    public var name: String
    /// The namespace URI (`http://www.ofdspec.org/2016`, or `http://www.ofdspec.org` from some producers), empty if none.
    public var namespace: String
    public var attributes: [String: String]
    public var text: String
    public var children: [OFDXMLElement]

    /// The child elements named `name`, in order.
    public func children(_ name: String) -> [OFDXMLElement] { children.filter { $0.name == name } }

    /// The first child element named `name`.
    public func child(_ name: String) -> OFDXMLElement? { children.first { $0.name == name } }
}
