import Foundation

/// The filing (备案) fields of one seal, `data/seals/<esID>/filing.json`: its ``SealDescription`` and the SM3 of every
/// file filed with it. The rendered image is reproducible from `template` and the text fields
/// (`unitName`/`useName`/`holderName`/`physicalCode`) with the fonts the bundle's `rendering.json` names.
///
/// The JSON is one flat object: the description's keys beside the file digests, as bundles have always had it.
/// The description's fields read through the filing (`filing.esID`).
@dynamicMemberLookup
public struct SealFiling: Codable, Sendable, Equatable {
    /// 单位印章 or 个人印章.
    public typealias Kind = SealDescription.Kind

    /// What the filing says about the seal.
    public var seal: SealDescription
    /// The seal's row id in the issuing station's registry (audit records name seals by it: `seal:<id>`).
    public var stationSealID: Int64
    /// SM3 (hex) of `seal.sel`, `seal.png` (bundles before December 2026 only; nil when the picture is filed once,
    /// in `seal.sel`), `seal.svg` and `holder-cert.der`.
    public var sealSM3: String
    public var pngSM3: String?
    public var svgSM3: String
    public var holderCertificateSM3: String
    /// The resolution the PNG was rendered at.
    public var imageDPI: Double

    public init(seal: SealDescription, stationSealID: Int64, sealSM3: String, pngSM3: String? = nil, svgSM3: String, holderCertificateSM3: String, imageDPI: Double) {
        self.seal = seal
        self.stationSealID = stationSealID
        self.sealSM3 = sealSM3
        self.pngSM3 = pngSM3
        self.svgSM3 = svgSM3
        self.holderCertificateSM3 = holderCertificateSM3
        self.imageDPI = imageDPI
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<SealDescription, Value>) -> Value {
        get { seal[keyPath: keyPath] }
        set { seal[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case stationSealID, sealSM3, pngSM3, svgSM3, holderCertificateSM3, imageDPI
        /// Required in a filing, although the description (as the online side keeps it) may lack it.
        case issuedBy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seal = try SealDescription(from: decoder)
        guard seal.issuedBy != nil else {
            throw DecodingError.keyNotFound(CodingKeys.issuedBy, .init(codingPath: decoder.codingPath, debugDescription: "no issuedBy"))
        }
        stationSealID = try container.decode(Int64.self, forKey: .stationSealID)
        sealSM3 = try container.decode(String.self, forKey: .sealSM3)
        pngSM3 = try container.decodeIfPresent(String.self, forKey: .pngSM3)
        svgSM3 = try container.decode(String.self, forKey: .svgSM3)
        holderCertificateSM3 = try container.decode(String.self, forKey: .holderCertificateSM3)
        imageDPI = try container.decode(Double.self, forKey: .imageDPI)
    }

    public func encode(to encoder: any Encoder) throws {
        // Both write into the one object (JSONEncoder merges keyed containers of the same level).
        try seal.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stationSealID, forKey: .stationSealID)
        try container.encode(sealSM3, forKey: .sealSM3)
        try container.encodeIfPresent(pngSM3, forKey: .pngSM3)
        try container.encode(svgSM3, forKey: .svgSM3)
        try container.encode(holderCertificateSM3, forKey: .holderCertificateSM3)
        try container.encode(imageDPI, forKey: .imageDPI)
    }
}
