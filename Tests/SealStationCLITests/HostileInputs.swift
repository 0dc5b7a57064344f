import Foundation
import SealCrypto
import SwiftASN1

/// Damaged and hostile inputs of the kinds a courier or an attacker can hand the station, built from real files.
enum HostileInputs {
    /// `file` (an encrypted PKCS#8 key written by `keygen`) asking for `iterations` PBKDF2 iterations; salt, PRF,
    /// cipher and ciphertext kept.
    static func keyFile(_ file: [UInt8], iterations: UntrustedInteger) throws -> [UInt8] {
        func children(_ node: ASN1Node) throws -> [ASN1Node] {
            guard case .constructed(let nodes) = node.content else { throw ASN1Error.invalidASN1Object(reason: "not constructed") }
            return Array(nodes)
        }
        let top = try children(DER.parse(file))
        let scheme = try children(top[0])
        let pbes2 = try children(scheme[1])
        let kdf = try children(pbes2[0])
        let pbkdf2 = try children(kdf[1])
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                coder.serializeRawBytes(scheme[0].encodedBytes)
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        coder.serializeRawBytes(kdf[0].encodedBytes)
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            coder.serializeRawBytes(pbkdf2[0].encodedBytes)
                            try coder.serialize(iterations)
                            for node in pbkdf2.dropFirst(2) { coder.serializeRawBytes(node.encodedBytes) }
                        }
                    }
                    coder.serializeRawBytes(pbes2[1].encodedBytes)
                }
            }
            coder.serializeRawBytes(top[1].encodedBytes)
        }
        return coder.serializedBytes
    }

    /// Iteration counts past the bound: just past it, at and past 2^31 and 2^32.
    static let iterationCounts = [KeyEncryption.maximumIterations + 1, Int(Int32.max), 1 << 31, 1 << 32 + 1]
}
