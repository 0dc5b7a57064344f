public import Foundation
public import SealRegistry
import SealPKI

/// What is shown about an issued seal in the registry (`list`, `query`, `show`, `issue`, `revoke`).
public struct SealRow: Encodable, Sendable, Hashable {
    public var id: Int64
    public var esID: String
    public var name: String
    public var unitName: String
    /// 统一社会信用代码.
    public var creditCode: String
    public var template: String
    /// issued, superseded or revoked.
    public var state: String
    public var validFrom: Date
    public var validTo: Date
    public var issuedAt: Date
    public var replacesSealID: Int64?
    public var revokedAt: Date?
    public var revokeReason: String?
    /// Where the holder key, certificate and seal were written.
    public var custody: String
    /// SM3 of the SES_Seal DER, in hex.
    public var sealSM3: String

    /// The row of `seal`.
    public init(_ seal: SealRecord) {
        id = seal.id ?? 0
        esID = seal.esID
        name = seal.name
        unitName = seal.unitName
        creditCode = seal.creditCode.value
        template = seal.template
        state = seal.state.rawValue
        validFrom = seal.validFrom
        validTo = seal.validTo
        issuedAt = seal.issuedAt
        replacesSealID = seal.replacesSealID
        revokedAt = seal.revokedAt
        revokeReason = seal.revokeReason
        custody = seal.custody.description
        sealSM3 = Describe.sm3(Array(seal.sealDER))
    }

    /// The column heads of a list of seals.
    public static let header = ["id", "esID", "name", "credit code", "state", "valid until"]
    /// The cells under ``header``.
    public var cells: [String] { ["\(id)", esID, name, creditCode, state, ViewText.date(validTo)] }

    /// Label–value rows for a detail view: the list's columns, then unit, template, files, SM3 and any revocation.
    public var rows: [(String, String)] {
        zip(Self.header, cells).map { ($0, $1) }
            + [("unit", unitName), ("template", template), ("files", custody), ("seal SM3", sealSM3)]
            + (revokeReason.map { [("revoked", $0)] } ?? [])
    }
}
