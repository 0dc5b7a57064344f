/// Emits the parts of a UR: the single-part string when it fits one fragment, else fountain parts without end
/// (`ur:<type>/<n>-<seqLen>/…`), pure parts first.
public struct UREncoder: Sendable {
    public let resource: UniformResource
    private var fountain: FountainEncoder

    public init(_ resource: UniformResource, maxFragmentLength: Int, firstSeqNum: UInt32 = 0,
                minFragmentLength: Int = FountainEncoder.minimumFragmentLength) throws {
        self.resource = resource
        fountain = try FountainEncoder(resource.cbor, maxFragmentLength: maxFragmentLength, firstSeqNum: firstSeqNum,
                                       minFragmentLength: minFragmentLength)
    }

    /// Fragments: the fewest parts that carry the resource.
    public var seqLen: Int { fountain.seqLen }
    public var fragmentLength: Int { fountain.fragmentLength }
    public var isSinglePart: Bool { seqLen == 1 }

    /// The next part, lower case.
    public mutating func nextPart() -> String {
        let part = fountain.nextPart()
        if isSinglePart { return resource.string }
        return "ur:\(resource.type)/\(part.seqNum)-\(part.seqLen)/" + Bytewords.encode(part.cbor, style: .minimal)
    }
}
