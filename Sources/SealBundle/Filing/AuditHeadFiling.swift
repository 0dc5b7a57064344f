import Foundation
import SealCrypto

/// The signed head of the audit chain at the end of the bundle's period, `data/audit/head.json`, and the station
/// CA's binding of this bundle to its seal maker. Both signatures are SM2-with-SM3 (ID 1234567812345678) by the
/// station CA key: `signature` over `AuditChain.checkpointMessage(seq:hash:)` (a checkpoint of the station's own
/// log), `binding` over ``bindingMessage(stationID:sequence:makerSM3:)`` — so only the certificate the CA names here
/// can sign the bundle, not any other certificate the CA issued (a holder's, say).
public struct AuditHeadFiling: Codable, Sendable, Equatable {
    public var seq: Int64
    /// The record's chain hash, hex.
    public var hash: String
    public var signedAt: String
    /// DER SEQUENCE{r, s}, hex.
    public var signature: String
    /// SM3 (hex) of the seal-maker certificate that signs this bundle.
    public var makerSM3: String
    /// The CA's signature over the binding message, DER SEQUENCE{r, s}, hex.
    public var binding: String
    /// How the signatures are made, for people reading the file.
    public var algorithm: String

    public static let algorithmDescription =
        "SM2-with-SM3, ID 1234567812345678, by the station CA key; signature over \"SealStation audit checkpoint\\0\" ‖ seq (uint64 "
        + "big-endian) ‖ hash; binding over \"SealStation filing bundle\\0\" ‖ station id (32 bytes) ‖ bundle sequence (uint64 "
        + "big-endian) ‖ maker certificate SM3 (32 bytes)"

    public init(seq: Int64, hash: String, signedAt: String, signature: String, makerSM3: String, binding: String) {
        self.seq = seq
        self.hash = hash
        self.signedAt = signedAt
        self.signature = signature
        self.makerSM3 = makerSM3
        self.binding = binding
        self.algorithm = Self.algorithmDescription
    }

    /// The bytes the binding signature covers; nil when an id is not 32 bytes of hex.
    public static func bindingMessage(stationID: String, sequence: Int64, makerSM3: String) -> [UInt8]? {
        guard let station = Hex.decodeDigest(stationID), let maker = Hex.decodeDigest(makerSM3) else { return nil }
        return Array("SealStation filing bundle\0".utf8) + station + withUnsafeBytes(of: UInt64(sequence).bigEndian, Array.init) + maker
    }
}

extension Hex {
    /// 32 bytes from 64 hex digits, else nil.
    static func decodeDigest(_ text: String) -> [UInt8]? {
        guard text.count == 64, let bytes = decode(text), bytes.count == 32 else { return nil }
        return bytes
    }
}
