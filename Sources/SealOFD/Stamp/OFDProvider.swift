/// Who wrote a signature: Signature.xml's `SignedInfo/Provider` (GB/T 33190 §18.2.2).
public struct OFDProvider: Sendable, Equatable {
    /// `ProviderName` (required).
    public var name: String
    /// `Company`.
    public var company: String
    /// `Version`.
    public var version: String

    public init(name: String, company: String, version: String) {
        self.name = name
        self.company = company
        self.version = version
    }

    /// SealStation itself.
    public static let sealStation = OFDProvider(name: "SealStation", company: "SealStation", version: "0.1.0")
}
