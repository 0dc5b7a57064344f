import SwiftASN1

// BackupPayload ::= SEQUENCE {
//     version    INTEGER,               -- 1
//     manifest   BackupManifest,        -- kept as read; the signature covers its DER
//     signature  OCTET STRING,          -- SM2 (SM3, ID 1234567812345678) by the station CA key
//     files      SEQUENCE OF BackupEntry }
// BackupManifest ::= SEQUENCE { station UTF8String, createdAt UTF8String, auditHead INTEGER,
//                               caCertificate OCTET STRING, entries SEQUENCE OF ManifestEntry }
// ManifestEntry ::= SEQUENCE { path UTF8String, size INTEGER, sm3 OCTET STRING }
// BackupEntry   ::= SEQUENCE { path UTF8String, content OCTET STRING }
/// The encrypted content of a backup: every file of the station and a signed manifest of their SM3 digests.
struct BackupPayload: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    struct ManifestEntry: DERImplicitlyTaggable, Sendable, Equatable {
        static var defaultIdentifier: ASN1Identifier { .sequence }
        var path: String, size: Int, sm3: [UInt8]

        init(path: String, size: Int, sm3: [UInt8]) { self.path = path; self.size = size; self.sm3 = sm3 }

        init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                ManifestEntry(path: String(try ASN1UTF8String(derEncoded: &nodes)), size: try Int(derEncoded: &nodes),
                              sm3: Array(try ASN1OctetString(derEncoded: &nodes).bytes))
            }
        }

        func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(ASN1UTF8String(path))
                try coder.serialize(size)
                try coder.serialize(ASN1OctetString(contentBytes: sm3[...]))
            }
        }
    }

    struct Manifest: DERImplicitlyTaggable, Sendable {
        static var defaultIdentifier: ASN1Identifier { .sequence }
        var station: String, createdAt: String, auditHead: Int, caCertificate: [UInt8], entries: [ManifestEntry]

        init(station: String, createdAt: String, auditHead: Int, caCertificate: [UInt8], entries: [ManifestEntry]) {
            self.station = station; self.createdAt = createdAt; self.auditHead = auditHead
            self.caCertificate = caCertificate; self.entries = entries
        }

        init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                Manifest(
                    station: String(try ASN1UTF8String(derEncoded: &nodes)), createdAt: String(try ASN1UTF8String(derEncoded: &nodes)),
                    auditHead: try Int(derEncoded: &nodes), caCertificate: Array(try ASN1OctetString(derEncoded: &nodes).bytes),
                    entries: try DER.sequence(of: ManifestEntry.self, identifier: .sequence, nodes: &nodes))
            }
        }

        func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(ASN1UTF8String(station))
                try coder.serialize(ASN1UTF8String(createdAt))
                try coder.serialize(auditHead)
                try coder.serialize(ASN1OctetString(contentBytes: caCertificate[...]))
                try coder.serializeSequenceOf(entries)
            }
        }
    }

    struct Entry: DERImplicitlyTaggable, Sendable {
        static var defaultIdentifier: ASN1Identifier { .sequence }
        var path: String, content: [UInt8]

        init(path: String, content: [UInt8]) { self.path = path; self.content = content }

        init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                Entry(path: String(try ASN1UTF8String(derEncoded: &nodes)), content: Array(try ASN1OctetString(derEncoded: &nodes).bytes))
            }
        }

        func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(ASN1UTF8String(path))
                try coder.serialize(ASN1OctetString(contentBytes: content[...]))
            }
        }
    }

    var manifest: Manifest
    /// The manifest's DER exactly as read (what the signature covers).
    var manifestBytes: ArraySlice<UInt8>
    var signature: [UInt8]
    var files: [Entry]

    init(manifest: Manifest, manifestBytes: ArraySlice<UInt8>, signature: [UInt8], files: [Entry]) {
        self.manifest = manifest
        self.manifestBytes = manifestBytes
        self.signature = signature
        self.files = files
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard try Int(derEncoded: &nodes) == 1 else { throw ASN1Error.invalidASN1Object(reason: "unknown backup payload version") }
            guard let manifestNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no manifest") }
            return BackupPayload(
                manifest: try Manifest(derEncoded: manifestNode), manifestBytes: manifestNode.encodedBytes,
                signature: Array(try ASN1OctetString(derEncoded: &nodes).bytes),
                files: try DER.sequence(of: Entry.self, identifier: .sequence, nodes: &nodes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(1)
            coder.serializeRawBytes(manifestBytes)
            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
            try coder.serializeSequenceOf(files)
        }
    }
}
