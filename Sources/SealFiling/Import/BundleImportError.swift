public import SealPKI

/// Why a bundle was not imported; nothing was changed in the filing registry.
public enum BundleImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The bundle did not verify.
    case notVerified(String)
    /// A station seen for the first time needs its CA pinned.
    case stationNotEnrolled(stationID: String, name: String)
    /// A different bundle with an already-imported number: the station's chain forked.
    case conflict(sequence: Int64, importedSM3: String)
    /// Bundles are missing before this one (or it arrives after later ones) — refused unless accepted.
    case gap(String)
    /// An esID filed by another station.
    case foreignSeal(esID: String, stationID: String)
    /// A filed seal's SES_Seal, holder certificate or images differ in this bundle (only state may change).
    case sealChanged(esID: String)
    /// An audit record already filed differs from the one this bundle carries.
    case auditConflict(seq: Int64)
    /// A seal's filed 统一社会信用代码 fails GB 32100.
    case invalidCreditCode(esID: String, creditCode: String, problem: IdentifierError)
    /// A seal's filed 统一社会信用代码 is not the one its holder certificate names (subject OU).
    case creditCodeNotCertified(esID: String, creditCode: String, certified: String?)
    /// A seal's esID does not begin with characters 3–8 of its unit's 统一社会信用代码 (the registration region).
    case esIDNotOfUnit(esID: String, creditCode: String)
    /// A personal seal's holder 公民身份号码 is missing or fails GB 11643.
    case invalidHolderIDNumber(esID: String, problem: String)
    /// A seal's holder certificate cannot be read.
    case unreadableHolderCertificate(esID: String, reason: String)

    public var description: String {
        switch self {
        case .notVerified(let reason): return "the bundle does not verify: \(reason)"
        case .stationNotEnrolled(let id, let name):
            return "station \(name) (\(id.prefix(16))…) is not enrolled: give --anchor with its station CA certificate for its first bundle"
        case .conflict(let sequence, let sm3):
            return "bundle \(sequence) of this station was already imported with SM3 \(sm3.prefix(16))…; this is a different bundle with the same number (the station's chain forked)"
        case .gap(let detail): return "\(detail); nothing was imported (give --accept-gap to import it anyway)"
        case .foreignSeal(let esID, let station): return "seal \(esID) is already filed by another station (\(station.prefix(16))…)"
        case .sealChanged(let esID):
            return "seal \(esID) is filed with a different SES_Seal, holder certificate or image; a seal never changes once made, only its state"
        case .auditConflict(let seq): return "audit record \(seq) of this station is already filed with different content"
        case .invalidCreditCode(let esID, let code, let problem):
            return "seal \(esID) is filed with 统一社会信用代码 \"\(code)\", which fails GB 32100 (\(problem)); nothing was imported"
        case .creditCodeNotCertified(let esID, let code, let certified):
            return "seal \(esID) is filed with 统一社会信用代码 \(code), but its holder certificate names "
                + (certified.map { "\($0) (subject OU)" } ?? "no 统一社会信用代码 (no subject OU)") + "; nothing was imported"
        case .esIDNotOfUnit(let esID, let code):
            return "seal \(esID) does not begin with \(code.dropFirst(2).prefix(6)), characters 3–8 of its unit's 统一社会信用代码 \(code); nothing was imported"
        case .invalidHolderIDNumber(let esID, let problem):
            return "personal seal \(esID): the holder's 公民身份号码 \(problem); nothing was imported"
        case .unreadableHolderCertificate(let esID, let reason):
            return "seal \(esID): its holder certificate cannot be read (\(reason)); nothing was imported"
        }
    }
}
