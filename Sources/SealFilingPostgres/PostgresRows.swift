import Foundation
import PostgresNIO
import SealAudit
import SealBundle
import SealFiling
import SealSES

/// The filing records read from and bound into the PostgreSQL schema's rows (snake_case columns).
extension PostgresRandomAccessRow {
    /// The value of column `name`.
    func value<Value: PostgresDecodable>(_ name: String, _ type: Value.Type = Value.self) throws -> Value {
        try self[name].decode(Value.self)
    }
}

extension FilingStationRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(id: try row.value("id"), name: try row.value("name"), organization: try row.value("organization"),
                  caCertificate: try row.value("ca_certificate"), firstImportedAt: try row.value("first_imported_at"))
    }
}

extension FilingBundleRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            stationID: try row.value("station_id"), sequence: try row.value("sequence"), sm3: try row.value("sm3"),
            previousSM3: try row.value("previous_sm3"), createdAt: try row.value("created_at"), importedAt: try row.value("imported_at"),
            auditFirstSeq: try row.value("audit_first_seq"), auditLastSeq: try row.value("audit_last_seq"),
            auditLastHash: try row.value("audit_last_hash"), seals: try row.value("seals"), uses: try row.value("uses"),
            anomaly: try row.value("anomaly"), crlNumber: try row.value("crl_number"))
    }
}

extension FilingClientRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(name: try row.value("name"), tokenSHA256: try row.value("token_sha256"), addedAt: try row.value("added_at"),
                  revokedAt: try row.value("revoked_at"))
    }
}

extension FiledCRLRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(stationID: try row.value("station_id"), number: try row.value("number"), thisUpdate: try row.value("this_update"),
                  nextUpdate: try row.value("next_update"), der: try row.value("der"), sm3: try row.value("sm3"),
                  bundleSequence: try row.value("bundle_sequence"), entries: try row.value("entries"))
    }
}

extension FiledRevocationRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(stationID: try row.value("station_id"), crlNumber: try row.value("crl_number"), serial: try row.value("serial"),
                  revocationDate: try row.value("revocation_date"), reasonCode: try row.value("reason_code"),
                  invalidityDate: try row.value("invalidity_date"))
    }
}

extension AuditRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(seq: try row.value("seq"), time: try row.value("time"), officer: try row.value("officer"), action: try row.value("action"),
                  object: try row.value("object"), details: try row.value("details"), prevHash: try row.value("prev_hash"),
                  hash: try row.value("hash"))
    }
}

extension FiledSealRecord {
    /// The `filed_seal` columns, in the order ``bind(into:)`` binds them.
    static let columns = [
        "es_id", "station_id", "bundle_sequence", "name", "kind", "template", "unit_name", "credit_code", "use_name", "holder_name",
        "holder_id_number", "physical_code", "state", "valid_from", "valid_to", "issued_at", "issued_by", "approved_by", "replaces_es_id",
        "revoked_at", "revoke_reason", "seal_sm3", "seal_der", "image_svg", "holder_certificate",
    ]

    init(row: PostgresRandomAccessRow) throws {
        self.init(try FiledSealListing(row: row), sealDER: try row.value("seal_der"), imageSVG: try row.value("image_svg"),
                  holderCertificate: try row.value("holder_certificate"))
    }

    /// Appends the row's values in ``columns`` order.
    func bind(into row: inout PostgresBindings) throws {
        row.append(seal.esID); row.append(stationID); row.append(bundleSequence); row.append(seal.name); row.append(seal.kind.rawValue)
        row.append(seal.template); row.append(seal.unitName); row.append(seal.creditCode); row.append(seal.useName); row.append(seal.holderName)
        row.append(seal.holderIDNumber); row.append(seal.physicalCode); row.append(seal.state); row.append(seal.validFrom)
        row.append(seal.validTo); row.append(seal.issuedAt); row.append(seal.issuedBy); row.append(seal.approvedBy)
        row.append(seal.replacesESID); row.append(seal.revokedAt); row.append(seal.revokeReason); row.append(sealSM3); try row.append(sealDER)
        try row.append(imageSVG); try row.append(holderCertificate)
    }
}

extension FiledSealListing {
    /// The `filed_seal` columns a listing reads: all but the seal's files.
    static let columns = FiledSealRecord.columns.filter { !["seal_der", "image_svg", "holder_certificate"].contains($0) }

    init(row: PostgresRandomAccessRow) throws {
        self.init(seal: try SealDescription(row: row), stationID: try row.value("station_id"), bundleSequence: try row.value("bundle_sequence"),
                  sealSM3: try row.value("seal_sm3"))
    }
}

extension SealDescription {
    /// The description in a `filed_seal` row.
    init(row: PostgresRandomAccessRow) throws {
        let kindName: String = try row.value("kind")
        guard let kind = SealKind(rawValue: kindName) else {
            throw FilingStoreError.database(operation: "read a filed seal", reason: "its kind is \"\(kindName)\", neither unit nor personal")
        }
        self.init(
            esID: try row.value("es_id"), name: try row.value("name"), kind: kind, template: try row.value("template"),
            unitName: try row.value("unit_name"), creditCode: try row.value("credit_code"), useName: try row.value("use_name"),
            holderName: try row.value("holder_name"), holderIDNumber: try row.value("holder_id_number"),
            physicalCode: try row.value("physical_code"), state: try row.value("state"), validFrom: try row.value("valid_from"),
            validTo: try row.value("valid_to"), issuedAt: try row.value("issued_at"), issuedBy: try row.value("issued_by"),
            approvedBy: try row.value("approved_by"), replacesESID: try row.value("replaces_es_id"), revokedAt: try row.value("revoked_at"),
            revokeReason: try row.value("revoke_reason"))
    }
}
