public import Foundation

/// The verification of a signed document of any format (OFD, PDF, a file with a detached signature): the document,
/// every signature in it, and what is wrong with the document as a whole. The web console and the online service show
/// this one report for every format.
public struct DocumentVerificationReport: Sendable, Codable, Equatable {
    /// The document's format (OFD, PDF, a detached signature).
    public var format: DocumentFormat
    /// The document's file name.
    public var document: String
    /// SM3 of the document file, lowercase hex.
    public var documentSM3: String
    /// When the verification was made (the time revocation and, for signatures without a time, validity were
    /// evaluated at).
    public var evaluatedAt: Date
    /// Every signature of the document, in document order.
    public var signatures: [DocumentSignatureReport]
    /// Failures of the document as a whole ("the document has no signature").
    public var problems: [String]
    /// What does not make the document invalid but a reader should know (files no signature protects).
    public var warnings: [DocumentWarning]

    /// A report on `document`; the verifier adds the signatures, problems and warnings.
    public init(
        format: DocumentFormat, document: String, documentSM3: String, evaluatedAt: Date, signatures: [DocumentSignatureReport] = [],
        problems: [String] = [], warnings: [DocumentWarning] = []
    ) {
        self.format = format
        self.document = document
        self.documentSM3 = documentSM3
        self.evaluatedAt = evaluatedAt
        self.signatures = signatures
        self.problems = problems
        self.warnings = warnings
    }

    /// Whether the document is valid: it has at least one signature, every signature is valid and nothing is wrong
    /// with the document as a whole.
    public var isValid: Bool { !signatures.isEmpty && signatures.allSatisfy(\.isValid) && problems.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case format, document, documentSM3, evaluatedAt, signatures, problems, warnings, isValid
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(DocumentFormat.self, forKey: .format)
        document = try container.decode(String.self, forKey: .document)
        documentSM3 = try container.decode(String.self, forKey: .documentSM3)
        evaluatedAt = try container.decode(Date.self, forKey: .evaluatedAt)
        signatures = try container.decode([DocumentSignatureReport].self, forKey: .signatures)
        problems = try container.decode([String].self, forKey: .problems)
        warnings = try container.decode([DocumentWarning].self, forKey: .warnings)
    }

    /// Encodes the stored fields and, for readers of the JSON, `isValid`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(document, forKey: .document)
        try container.encode(documentSM3, forKey: .documentSM3)
        try container.encode(evaluatedAt, forKey: .evaluatedAt)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(problems, forKey: .problems)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(isValid, forKey: .isValid)
    }
}
