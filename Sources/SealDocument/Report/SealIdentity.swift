/// The seal a signature was made with, as its SES_Seal names it (GB/T 38540 SES_ESPropertyInfo and SES_Header).
public struct SealIdentity: Sendable, Codable, Equatable, Hashable {
    /// 电子印章标识 (esID).
    public var esID: String
    /// 印章名称.
    public var name: String
    /// 印章类型 (1 单位印章, 2 个人印章; other systems use their own codes).
    public var typeCode: Int
    /// The seal's standard version ("v1", "v4", "v5").
    public var version: String
    /// 厂商标识 (SES_Header.vid).
    public var vendorID: String
    /// SM3 (lowercase hex) of the SES_Seal's DER as the signature carries it: what a filing registry compares with the
    /// seal it holds under the same esID.
    public var sealSM3: String?

    /// The seal identified by its SES_Seal fields.
    public init(esID: String, name: String, typeCode: Int, version: String, vendorID: String, sealSM3: String? = nil) {
        self.esID = esID
        self.name = name
        self.typeCode = typeCode
        self.version = version
        self.vendorID = vendorID
        self.sealSM3 = sealSM3
    }
}
