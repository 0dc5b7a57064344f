public import SealBundle

/// A filed seal as a list shows it (table `filed_seal` without its files): the filing's ``SealDescription``, the
/// station and bundle that filed its current state, and its SM3. Lists read these, so that a page of seals does not
/// read each seal's SES_Seal, SVG and certificate (about 110 KB a round seal).
@dynamicMemberLookup
public struct FiledSealListing: Codable, Sendable, Equatable {
    public var seal: SealDescription
    public var stationID: String
    public var bundleSequence: Int64
    public var sealSM3: String

    public init(seal: SealDescription, stationID: String, bundleSequence: Int64, sealSM3: String) {
        self.seal = seal
        self.stationID = stationID
        self.bundleSequence = bundleSequence
        self.sealSM3 = sealSM3
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<SealDescription, Value>) -> Value { seal[keyPath: keyPath] }

    enum CodingKeys: String, CodingKey {
        case stationID, bundleSequence, sealSM3
    }

    public init(from decoder: any Decoder) throws {
        // The description's fields are columns of the same row.
        seal = try SealDescription(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stationID = try container.decode(String.self, forKey: .stationID)
        bundleSequence = try container.decode(Int64.self, forKey: .bundleSequence)
        sealSM3 = try container.decode(String.self, forKey: .sealSM3)
    }

    public func encode(to encoder: any Encoder) throws {
        try seal.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stationID, forKey: .stationID)
        try container.encode(bundleSequence, forKey: .bundleSequence)
        try container.encode(sealSM3, forKey: .sealSM3)
    }
}
