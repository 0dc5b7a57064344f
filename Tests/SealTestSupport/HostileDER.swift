public import SealCrypto
public import SwiftASN1

/// Damaged DER that a courier or an attacker can hand the station, built from real files: integers at and past every
/// width, key files asking for hostile key derivations.
public enum HostileDER {
    /// A DER INTEGER of any value up to 2^64-1 (past what `Int` holds).
    public static func integer(unsigned value: UInt64) throws -> UntrustedInteger {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        while bytes.count > 1, bytes[0] == 0, bytes[1] < 0x80 { bytes.removeFirst() }
        if bytes[0] >= 0x80 { bytes.insert(0, at: 0) }
        return try UntrustedInteger(derEncoded: DER.parse([0x02, UInt8(bytes.count)] + bytes))
    }

    /// `file` (an encrypted PKCS#8 key) with its PBES2 key derivation replaced: `kdf` is the KDF OID and `parameters`
    /// writes its parameters (given the original ones); the cipher, IV and ciphertext are kept.
    public static func keyFile(_ file: [UInt8], kdf: ASN1ObjectIdentifier,
                               parameters: (inout DER.Serializer, _ original: [ASN1Node]) throws -> Void) throws -> [UInt8] {
        func children(_ node: ASN1Node) throws -> [ASN1Node] {
            guard case .constructed(let nodes) = node.content else { throw ASN1Error.invalidASN1Object(reason: "not constructed") }
            return Array(nodes)
        }
        let top = try children(DER.parse(file))
        let scheme = try children(top[0])
        let pbes2 = try children(scheme[1])
        let originalKDF = try children(try children(pbes2[0])[1])
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                coder.serializeRawBytes(scheme[0].encodedBytes)
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(kdf)
                        try coder.appendConstructedNode(identifier: .sequence) { try parameters(&$0, originalKDF) }
                    }
                    coder.serializeRawBytes(pbes2[1].encodedBytes)
                }
            }
            coder.serializeRawBytes(top[1].encodedBytes)
        }
        return coder.serializedBytes
    }

    /// `file` (a PBKDF2 key file) asking for `iterations` iterations; salt, PRF, cipher and ciphertext kept.
    public static func keyFile(_ file: [UInt8], iterations: UntrustedInteger) throws -> [UInt8] {
        try keyFile(file, kdf: ObjectIdentifiers.pbkdf2) { coder, original in
            coder.serializeRawBytes(original[0].encodedBytes)
            try coder.serialize(iterations)
            for node in original.dropFirst(2) { coder.serializeRawBytes(node.encodedBytes) }
        }
    }
}
