public import Foundation
public import SealRegistry
public import SealToken

/// Where a newly issued seal's holder key goes (`sealstation issue --to`).
public enum HolderCustody {
    /// An SM2 key generated in software, encrypted PKCS#8 (0600) in the station's `issued/<esID>/` directory.
    case stationFiles
    /// As ``stationFiles``, and the same directory (`<esID>/`: key, chain, seal, image, README) also written under
    /// the given directory, e.g. a removable disk for the holder.
    case directory(URL)
    /// The key pair generated on a PKCS#11 token (never extractable); the holder certificate and the seal written to
    /// the token beside it under one CKA_ID (the esID). The station keeps only public files.
    case token(TokenKeyStore)

    /// What the registry records for a seal `esID` kept here: `file:issued/<esID>`, `file:<DIR>/<esID>` or the token.
    func custody(esID: String) -> KeyCustody {
        switch self {
        case .stationFiles: return .files(path: "issued/\(esID)")
        case .directory(let url): return .files(path: url.appendingPathComponent(esID).path)
        case .token(let store): return KeyCustody(store)
        }
    }
}

extension KeyCustody {
    /// The token `store` is logged in to, by its label and serial number.
    public init(_ store: TokenKeyStore) {
        self = .token(label: store.session.token.label, serial: store.session.token.serialNumber)
    }
}
