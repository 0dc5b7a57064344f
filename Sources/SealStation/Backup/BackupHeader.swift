import SealCrypto
import SwiftASN1

// BackupHeader ::= SEQUENCE {
//     format   IA5String,                          -- "SealStation-backup-1"
//     cipher   IA5String,                          -- "aes-256-gcm"
//     nonce    OCTET STRING,                       -- 12 bytes
//     scrypt   [0] EXPLICIT ScryptParameters OPTIONAL,   -- key from a backup passphrase
//     shares   [1] EXPLICIT ShareParameters OPTIONAL }   -- key split into Shamir shares
// ScryptParameters ::= SEQUENCE { salt OCTET STRING, n INTEGER, r INTEGER, p INTEGER }
// ShareParameters  ::= SEQUENCE { threshold INTEGER, count INTEGER, backupID OCTET STRING }
/// The clear header of a backup file; its DER is the AEAD's associated data, so any change to it is detected. Every
/// number in it is range-checked as it is read (the AEAD check comes only after the key is derived or combined):
/// scrypt within ``Scrypt/Limits/backup``, 2 ≤ threshold ≤ count ≤ 255, an 8-byte backup id.
struct BackupHeader: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    static let formatName = "SealStation-backup-1"

    struct ScryptParameters: DERImplicitlyTaggable, Sendable {
        static var defaultIdentifier: ASN1Identifier { .sequence }
        var salt: [UInt8], n: Int, r: Int, p: Int

        init(salt: [UInt8], n: Int, r: Int, p: Int) { self.salt = salt; self.n = n; self.r = r; self.p = p }

        init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let salt = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
                let n = try UntrustedInteger(derEncoded: &nodes), r = try UntrustedInteger(derEncoded: &nodes)
                let p = try UntrustedInteger(derEncoded: &nodes)
                if let problem = Scrypt.Limits.backup.problem(n: n, r: r, p: p) { throw BackupError.outOfRange(problem) }
                guard let n = n.value, let r = r.value, let p = p.value else { throw BackupError.outOfRange("scrypt parameters") }
                return ScryptParameters(salt: salt, n: n, r: r, p: p)
            }
        }

        func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(ASN1OctetString(contentBytes: salt[...]))
                try coder.serialize(n)
                try coder.serialize(r)
                try coder.serialize(p)
            }
        }
    }

    struct ShareParameters: DERImplicitlyTaggable, Sendable {
        static var defaultIdentifier: ASN1Identifier { .sequence }
        var threshold: Int, count: Int, backupID: [UInt8]
        /// K of N shares: 2 ≤ K ≤ N ≤ 255 (GF(256) has 255 nonzero x coordinates).
        static let thresholds = 2...255
        static let backupIDLength = 8

        init(threshold: Int, count: Int, backupID: [UInt8]) { self.threshold = threshold; self.count = count; self.backupID = backupID }

        init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let threshold = try UntrustedInteger(derEncoded: &nodes), count = try UntrustedInteger(derEncoded: &nodes)
                let backupID = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
                guard let k = threshold.value(in: Self.thresholds) else {
                    throw BackupError.outOfRange("share threshold \(threshold) is out of range (\(Self.thresholds.lowerBound)…\(Self.thresholds.upperBound))")
                }
                guard let n = count.value(in: k...Self.thresholds.upperBound) else {
                    throw BackupError.outOfRange("share count \(count) is out of range for threshold \(k) (\(k)…\(Self.thresholds.upperBound))")
                }
                guard backupID.count == Self.backupIDLength else {
                    throw BackupError.outOfRange("backup id is \(backupID.count) bytes, not \(Self.backupIDLength)")
                }
                return ShareParameters(threshold: k, count: n, backupID: backupID)
            }
        }

        func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(threshold)
                try coder.serialize(count)
                try coder.serialize(ASN1OctetString(contentBytes: backupID[...]))
            }
        }
    }

    var format: String
    var cipher: String
    var nonce: [UInt8]
    var scrypt: ScryptParameters?
    var shares: ShareParameters?

    init(format: String = formatName, cipher: String = "aes-256-gcm", nonce: [UInt8], scrypt: ScryptParameters?, shares: ShareParameters?) {
        self.format = format
        self.cipher = cipher
        self.nonce = nonce
        self.scrypt = scrypt
        self.shares = shares
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let format = String(try ASN1IA5String(derEncoded: &nodes)), cipher = String(try ASN1IA5String(derEncoded: &nodes))
            let nonce = Array(try ASN1OctetString(derEncoded: &nodes).bytes)
            let scrypt = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { try ScryptParameters(derEncoded: $0) }
            let shares = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { try ShareParameters(derEncoded: $0) }
            return BackupHeader(format: format, cipher: cipher, nonce: nonce, scrypt: scrypt, shares: shares)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(try ASN1IA5String(format))
            try coder.serialize(try ASN1IA5String(cipher))
            try coder.serialize(ASN1OctetString(contentBytes: nonce[...]))
            if let scrypt { try coder.serialize(scrypt, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) }
            if let shares { try coder.serialize(shares, explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) }
        }
    }
}

// BackupFile ::= SEQUENCE { header BackupHeader, sealed OCTET STRING }   -- sealed = AES-256-GCM(payload) ‖ tag
/// The whole backup file.
struct BackupFileStructure: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    var header: BackupHeader
    /// The header's DER exactly as read (the AEAD's associated data).
    var headerBytes: ArraySlice<UInt8>
    var sealed: [UInt8]

    init(header: BackupHeader, headerBytes: ArraySlice<UInt8>, sealed: [UInt8]) {
        self.header = header
        self.headerBytes = headerBytes
        self.sealed = sealed
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard let headerNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no header") }
            return BackupFileStructure(
                header: try BackupHeader(derEncoded: headerNode), headerBytes: headerNode.encodedBytes,
                sealed: Array(try ASN1OctetString(derEncoded: &nodes).bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            coder.serializeRawBytes(headerBytes)
            try coder.serialize(ASN1OctetString(contentBytes: sealed[...]))
        }
    }
}
