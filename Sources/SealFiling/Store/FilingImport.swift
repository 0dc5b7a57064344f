public import SealAudit
public import SealBundle

/// Everything one bundle adds to a ``FilingStore``, as the import policy decided it; stored in one transaction.
public struct FilingImport: Sendable {
    /// The station, when this bundle enrols it.
    public var enrolment: FilingStationRecord?
    public var bundle: FilingBundleRecord
    /// The bundle's audit records not filed yet (records already filed were checked to be the same).
    public var auditRecords: [AuditRecord]
    /// The seals to file in their new state (inserted, or replacing the filed state); seals a late bundle would roll
    /// back are left out. Each is read from the bundle file as the store writes it.
    public var seals: [FiledSealSource]
    /// The bundle's uses; a use already filed (same station and signature SM3) is kept as it is.
    public var uses: [UseFiling]
    /// The bundle's CRL when it is not filed yet (a CRL already filed under its number is the same CRL, kept as it
    /// is); `bundle.crlNumber` names it either way.
    public var crl: FiledCRLRecord?
    /// Its entries.
    public var crlEntries: [FiledRevocationRecord]

    public init(enrolment: FilingStationRecord?, bundle: FilingBundleRecord, auditRecords: [AuditRecord], seals: [FiledSealSource], uses: [UseFiling],
                crl: FiledCRLRecord? = nil, crlEntries: [FiledRevocationRecord] = []) {
        self.enrolment = enrolment
        self.bundle = bundle
        self.auditRecords = auditRecords
        self.seals = seals
        self.uses = uses
        self.crl = crl
        self.crlEntries = crlEntries
    }
}
