public import Foundation
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

    /// The registry's custody text: `file:issued/<esID>`, `file:<DIR>/<esID>` or `token:<label> serial:<serial>`.
    func description(esID: String) -> String {
        switch self {
        case .stationFiles: return "file:issued/\(esID)"
        case .directory(let url): return "file:\(url.appendingPathComponent(esID).path)"
        case .token(let store): return "token:\(store.session.token.label) serial:\(store.session.token.serialNumber)"
        }
    }
}
