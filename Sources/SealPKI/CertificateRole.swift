public import SealCrypto

/// The kinds of certificate the station CA issues, each with a fixed profile.
public enum CertificateRole: String, Sendable, Codable, CaseIterable {
    /// The station's self-signed root: CA, keyCertSign + cRLSign, pathLen 0 (it certifies end entities only).
    case stationCA = "ca"
    /// The seal maker (制章人), whose key signs SES_Seal structures: end entity, digitalSignature + nonRepudiation.
    case maker
    /// A seal holder (印章持有者), whose key signs documents with a seal: end entity,
    /// digitalSignature + nonRepudiation.
    case holder

    /// basicConstraints for the role.
    public var basicConstraints: CertificateTemplate.BasicConstraints {
        self == .stationCA ? .certificateAuthority(pathLength: 0) : .endEntity
    }

    /// keyUsage for the role.
    public var keyUsage: KeyUsage {
        self == .stationCA ? [.keyCertSign, .cRLSign] : [.digitalSignature, .nonRepudiation]
    }

    /// 中文 name for tables.
    public var chineseName: String {
        switch self {
        case .stationCA: return "站点根 CA"
        case .maker: return "制章人"
        case .holder: return "印章持有者"
        }
    }
}
