/// Collects UR parts (in any order, either case, with gaps and repeats) until the resource is whole.
public struct URDecoder: Sendable {
    public private(set) var type: String?
    private var fountain = FountainDecoder()
    /// The resource, once complete.
    public private(set) var result: UniformResource?

    public init() {}

    public var isComplete: Bool { result != nil }
    /// Fragments known, and the number the message has (nil before the first part).
    public var progress: (known: Int, total: Int?) { (fountain.fragmentsKnown, fountain.seqLen) }
    public var processedCount: Int { fountain.processedCount }

    /// Feeds one part string; returns false for a repeat or a part after completion.
    /// - Throws: `URError` for a malformed part, a corrupted one (Bytewords checksum), or one of another resource.
    @discardableResult
    public mutating func receive(_ string: String) throws -> Bool {
        let (partType, pieces) = try UniformResource.split(string)
        if let type, type != partType { throw URError.differentMessage("it is a ur:\(partType), not a ur:\(type)") }
        if pieces.count == 1 {
            let resource = try UniformResource(type: partType, cbor: Bytewords.decode(pieces[0], style: .minimal))
            // A whole resource among the parts of another (or a second, different one) is not this transfer's.
            if fountain.seqLen != nil || (result != nil && result != resource) {
                throw URError.differentMessage("it is a whole single-part ur:\(partType), not a part of this transfer")
            }
            guard result == nil else { return false }
            type = partType
            result = resource
            return true
        }
        if result != nil && fountain.seqLen == nil {
            throw URError.differentMessage("it is a fountain part, but a whole single-part resource was read")
        }
        guard pieces.count == 2 else { throw URError.invalidSequence(pieces.joined(separator: "/")) }
        let numbers = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
        guard numbers.count == 2, let seqNum = UInt32(numbers[0]), let seqLen = Int(numbers[1]), seqNum >= 1, seqLen >= 1 else {
            throw URError.invalidSequence(pieces[0])
        }
        let part = try FountainPart(cbor: Bytewords.decode(pieces[1], style: .minimal))
        guard part.seqNum == seqNum, part.seqLen == seqLen else {
            throw URError.invalidPart("the path says \(seqNum)-\(seqLen) but the part is \(part.seqNum)-\(part.seqLen)")
        }
        type = partType
        // After completion the fountain still checks that the part is of this message.
        let accepted = try fountain.receive(part)
        if let message = fountain.message { result = try UniformResource(type: partType, cbor: message) }
        return accepted
    }
}
