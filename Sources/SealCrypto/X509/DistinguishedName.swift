/// An X.509 distinguished name as an ordered list of attributes, most significant first (C, O, OU, CN…).
/// Values are UTF-8 and may be Chinese; OpenSSL chooses the ASN.1 string type per attribute (PrintableString for C,
/// UTF8String otherwise).
public struct DistinguishedName: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One attribute type and value.
    public struct Attribute: Hashable, Sendable, Codable {
        /// The OpenSSL short name of the attribute type: C, ST, L, O, OU, CN, serialNumber, …
        public var type: String
        /// The value, UTF-8.
        public var value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }

    /// The attributes in order.
    public var attributes: [Attribute]

    public init(_ attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// Parses either OpenSSL's slash form `/C=CN/O=某某公司/CN=张三` or the comma form `C=CN, O=某某公司, CN=张三`
    /// (both most significant first). A backslash escapes the separator or itself.
    /// - Throws: `.invalidDistinguishedName` naming the part that could not be read.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: [" "])
        guard !trimmed.isEmpty else { throw SealCryptoError.invalidDistinguishedName(reason: "the name is empty") }
        let slashForm = trimmed.hasPrefix("/")
        let separator: Character = slashForm ? "/" : ","
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in slashForm ? String(trimmed.dropFirst()) : trimmed {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        var attributes: [Attribute] = []
        for part in parts {
            let piece = part.trimmingCharacters(in: [" "])
            guard let equals = piece.firstIndex(of: "=") else {
                throw SealCryptoError.invalidDistinguishedName(reason: "\"\(piece)\" is not TYPE=value")
            }
            let type = piece[..<equals].trimmingCharacters(in: [" "])
            let value = piece[piece.index(after: equals)...].trimmingCharacters(in: [" "])
            guard !type.isEmpty, !value.isEmpty else {
                throw SealCryptoError.invalidDistinguishedName(reason: "\"\(piece)\" has an empty type or value")
            }
            attributes.append(Attribute(type: type, value: value))
        }
        self.attributes = attributes
    }

    /// The first value of `type` (for example the CN).
    public func value(of type: String) -> String? {
        attributes.first { $0.type == type }?.value
    }

    /// The comma form, most significant first: `C=CN, O=某某公司, CN=张三`.
    public var description: String {
        // Appended into one string (verification reports name certificates in several checks of every seal).
        var text = ""
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { text += ", " }
            text += attribute.type
            text += "="
            text += escape(attribute.value)
        }
        return text
    }

    private func escape(_ value: String) -> String {
        // Backslash and comma are ASCII, so their UTF-8 bytes never occur inside another character's encoding.
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x2C }) else { return value }
        var escaped = ""
        for character in value {
            if character == "\\" || character == "," { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(self).trimmingCharacters(in: set)
    }
}
