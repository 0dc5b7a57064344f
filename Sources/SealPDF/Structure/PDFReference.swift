/// An indirect object's number and generation (ISO 32000-1 §7.3.10), written `n g R`.
public struct PDFReference: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var number: Int
    public var generation: Int

    public init(number: Int, generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    public var description: String { "\(number) \(generation) R" }

    public static func < (lhs: PDFReference, rhs: PDFReference) -> Bool {
        (lhs.number, lhs.generation) < (rhs.number, rhs.generation)
    }
}
