public import Foundation
public import SealSES

/// The verification of one signature of a document: who signed with which seal and when, where the seal appears,
/// which files it protects and whether they are intact, what it leaves unprotected, and every check with its result.
public struct DocumentSignatureReport: Sendable, Codable, Equatable {
    /// What the signature is.
    public enum Kind: String, Sendable, Codable {
        /// 电子签章: a signature with a seal (OFD `Type="Seal"`, GB/T 38540 SES_Signature).
        case seal
        /// 电子签名: a plain signature (OFD `Type="Sign"`, GB/T 35275 PKCS#7).
        case sign
    }

    /// The signature's ID in the document (OFD: `Signature@ID` in Signatures.xml).
    public var id: String
    /// Where the signature is described in the document (`/Doc_0/Signs/Sign_0/Signature.xml`).
    public var location: String
    /// A seal (签章) or a plain signature (签名).
    public var kind: Kind
    /// The signer certificate's subject, when the signature could be read.
    public var signer: String?
    /// The seal, when the signature could be read.
    public var seal: SealIdentity?
    /// 签章时间 from the signature (v4 timeInfo), when it carries one.
    public var signingTime: Date?
    /// The SES version of the signature ("v1", "v4", "v5").
    public var sesVersion: String?
    /// Every visible appearance of the seal.
    public var appearances: [StampAppearance]
    /// Every file the signature protects, with its integrity.
    public var references: [ReferenceCheck]
    /// Files of the document the signature does not protect.
    public var unprotected: [UnprotectedFile]
    /// The document-level checks (the signature description, its digest method, the files, the appearances, the
    /// seal file); the SES_Signature's own checks are in ``ses``.
    public var checks: [VerificationReport.Check]
    /// The verification of the SES_Signature itself (signer signature, certificates, seal, times), when it was read.
    public var ses: VerificationReport?
    /// Deviations from the standards that were accepted, the document's and the SES_Signature's.
    public var deviations: [String]

    /// A report of signature `id` at `location`; the verifier fills in the rest.
    public init(
        id: String, location: String, kind: Kind, signer: String? = nil, seal: SealIdentity? = nil, signingTime: Date? = nil,
        sesVersion: String? = nil, appearances: [StampAppearance] = [], references: [ReferenceCheck] = [],
        unprotected: [UnprotectedFile] = [], checks: [VerificationReport.Check] = [], ses: VerificationReport? = nil,
        deviations: [String] = []
    ) {
        self.id = id
        self.location = location
        self.kind = kind
        self.signer = signer
        self.seal = seal
        self.signingTime = signingTime
        self.sesVersion = sesVersion
        self.appearances = appearances
        self.references = references
        self.unprotected = unprotected
        self.checks = checks
        self.ses = ses
        self.deviations = deviations
    }

    /// Whether the signature is valid: the SES_Signature verifies and no document-level check failed.
    public var isValid: Bool { failures.isEmpty && (ses?.isValid ?? false) }

    /// Every failed check, the document-level ones first, then the SES_Signature's.
    public var failures: [VerificationReport.Check] {
        checks.filter { $0.status == .failed } + (ses?.failures ?? [])
    }

    private enum CodingKeys: String, CodingKey {
        case id, location, kind, signer, seal, signingTime, sesVersion, appearances, references, unprotected, checks, ses,
            deviations, isValid, failures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        location = try container.decode(String.self, forKey: .location)
        kind = try container.decode(Kind.self, forKey: .kind)
        signer = try container.decodeIfPresent(String.self, forKey: .signer)
        seal = try container.decodeIfPresent(SealIdentity.self, forKey: .seal)
        signingTime = try container.decodeIfPresent(Date.self, forKey: .signingTime)
        sesVersion = try container.decodeIfPresent(String.self, forKey: .sesVersion)
        appearances = try container.decode([StampAppearance].self, forKey: .appearances)
        references = try container.decode([ReferenceCheck].self, forKey: .references)
        unprotected = try container.decode([UnprotectedFile].self, forKey: .unprotected)
        checks = try container.decode([VerificationReport.Check].self, forKey: .checks)
        ses = try container.decodeIfPresent(VerificationReport.self, forKey: .ses)
        deviations = try container.decode([String].self, forKey: .deviations)
    }

    /// Encodes the stored fields and, for readers of the JSON, `isValid` and `failures`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(location, forKey: .location)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(signer, forKey: .signer)
        try container.encodeIfPresent(seal, forKey: .seal)
        try container.encodeIfPresent(signingTime, forKey: .signingTime)
        try container.encodeIfPresent(sesVersion, forKey: .sesVersion)
        try container.encode(appearances, forKey: .appearances)
        try container.encode(references, forKey: .references)
        try container.encode(unprotected, forKey: .unprotected)
        try container.encode(checks, forKey: .checks)
        try container.encodeIfPresent(ses, forKey: .ses)
        try container.encode(deviations, forKey: .deviations)
        try container.encode(isValid, forKey: .isValid)
        try container.encode(failures, forKey: .failures)
    }
}
