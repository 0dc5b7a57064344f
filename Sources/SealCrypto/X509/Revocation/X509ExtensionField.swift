import SwiftASN1

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
// Extension  ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
/// One extension of a CRL or CRL entry (RFC 5280 §4.1), its value kept as the DER inside the OCTET STRING.
struct X509ExtensionField {
    /// cRLNumber (§5.2.3).
    static let cRLNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
    /// authorityKeyIdentifier (§4.2.1.1, §5.2.1).
    static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
    /// reasonCode (§5.3.1).
    static let reasonCode: ASN1ObjectIdentifier = [2, 5, 29, 21]
    /// invalidityDate (§5.3.2).
    static let invalidityDate: ASN1ObjectIdentifier = [2, 5, 29, 24]

    var oid: ASN1ObjectIdentifier
    var critical: Bool
    var value: ArraySlice<UInt8>

    /// The extensions of an `Extensions` node; an extension listed twice is refused (§4.2).
    static func list(_ node: ASN1Node) throws -> [X509ExtensionField] {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        var fields: [X509ExtensionField] = []
        for child in children {
            let field = try DER.sequence(child, identifier: .sequence) { nodes in
                let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                var critical = false
                var next = nodes.next()
                if let flag = next, flag.identifier == .boolean {
                    critical = try Bool(derEncoded: flag)
                    next = nodes.next()
                }
                guard let valueNode = next else { throw ASN1Error.invalidASN1Object(reason: "extension \(oid) has no value") }
                let value = try ASN1OctetString(derEncoded: valueNode)
                return X509ExtensionField(oid: oid, critical: critical, value: value.bytes)
            }
            guard !fields.contains(where: { $0.oid == field.oid }) else {
                throw SealCryptoError.malformedCRL(reason: "extension \(field.oid) appears twice")
            }
            fields.append(field)
        }
        guard !fields.isEmpty else { throw SealCryptoError.malformedCRL(reason: "an Extensions list is empty") }
        return fields
    }

    /// Appends one extension.
    static func serialize(_ oid: ASN1ObjectIdentifier, critical: Bool = false, value: [UInt8], into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(oid)
            if critical { try coder.serialize(true) }
            try coder.serialize(ASN1OctetString(contentBytes: value[...]))
        }
    }

    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL,
    //     authorityCertIssuer [1] GeneralNames OPTIONAL, authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
    static let keyIdentifierTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// The keyIdentifier of an AuthorityKeyIdentifier value; nil when it names the issuer otherwise.
    static func keyIdentifier(inAuthorityKeyIdentifier value: ArraySlice<UInt8>) throws -> [UInt8]? {
        let node = try DER.parse(value)
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
        guard let first = children.first(where: { _ in true }), first.identifier == keyIdentifierTag else { return nil }
        return Array(try ASN1OctetString(derEncoded: first, withIdentifier: keyIdentifierTag).bytes)
    }

    /// An AuthorityKeyIdentifier value holding `keyIdentifier`.
    static func authorityKeyIdentifierValue(_ keyIdentifier: [UInt8]) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try ASN1OctetString(contentBytes: keyIdentifier[...]).serialize(into: &coder, withIdentifier: keyIdentifierTag)
        }
        return coder.serializedBytes
    }
}
