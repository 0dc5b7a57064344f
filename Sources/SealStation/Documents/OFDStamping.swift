import Foundation
import SealCrypto
public import SealOFD
public import SealSES

/// 签章 on an OFD document (GB/T 33190 with a GB/T 38540 v4 SES_Signature) through the station's use gate: the
/// prepared ``OFDStamp`` gives the digest the signature protects — the SM3 of its exact Signature.xml — and its package
/// path as the propertyInfo; the signature made is put into the package, which the stamp re-reads and checks before it
/// is returned.
public struct OFDStamping: DocumentStamping {
    /// The prepared stamp (Signature.xml written, References computed, not yet signed).
    public let stamp: OFDStamp
    /// The SM3 of the stamp's Signature.xml, its package path as propertyInfo, and the original document's SM3.
    public let toBeSigned: ToBeSigned

    /// The stamping of `stamp`, prepared on the OFD whose bytes before stamping are `bytes` (named `name` in the use
    /// log, which records their SM3).
    public init(_ stamp: OFDStamp, original bytes: [UInt8], name: String) throws {
        self.stamp = stamp
        toBeSigned = try ToBeSigned(
            dataHash: stamp.dataHash, documentName: name, documentSM3: Hex.encode(try SM3.hash(bytes)),
            propertyInfo: stamp.signatureXMLPath)
    }

    /// The stamped OFD with `signature` as its SignedValue.dat, read back and checked by the stamp (an OFD's
    /// signature is the SES_Signature alone; `signer` is not used).
    public func stamped(with signature: ElectronicSignature, signer: DocumentSigner) throws -> StampedDocument {
        StampedDocument(
            bytes: try stamp.package(signedValue: signature), signatureID: stamp.signatureID,
            placement: stamp.placementDescription)
    }
}
