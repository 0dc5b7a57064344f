public import SealSES

extension SealIdentity {
    /// Who `seal` is: its esID, name, type code, version and vendor.
    public init(_ seal: ElectronicSeal) {
        self.init(esID: seal.esID, name: seal.name, typeCode: seal.typeCode, version: seal.version.rawValue, vendorID: seal.vendorID)
    }
}
