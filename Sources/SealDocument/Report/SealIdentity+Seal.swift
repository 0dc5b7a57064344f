import SealCrypto
public import SealSES

extension SealIdentity {
    /// Who `seal` is: its esID, name, type code, version and vendor, and the SM3 of its DER.
    public init(_ seal: ElectronicSeal) {
        self.init(
            esID: seal.esID, name: seal.name, typeCode: seal.typeCode, version: seal.version.rawValue, vendorID: seal.vendorID,
            sealSM3: (try? SM3.hash(seal.derEncoded)).map { Hex.encode($0) })
    }
}
