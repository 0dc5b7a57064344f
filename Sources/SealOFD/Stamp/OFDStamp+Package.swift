import Foundation
import SealCrypto
public import SealSES

extension OFDStamp {
    /// The stamped package: the original entries copied as stored (OFD.xml and Signatures.xml replaced by their edited
    /// bytes), then Seal.esl, Signature.xml and `signedValue` as SignedValue.dat, DEFLATE-compressed with UTF-8 names;
    /// then read back and checked (every
    /// CheckValue recomputed, dataHash = SM3 of the stored Signature.xml, Signatures.xml lists it, originals unchanged).
    /// - Throws: ``OFDStampError/signedValueMismatch(field:expected:found:)`` when `signedValue` was not made for this
    ///   stamp (dataHash, propertyInfo, signing time, seal); ``OFDStampError/selfCheckFailed(file:_:)`` when the
    ///   written package does not read back as stamped.
    public func package(signedValue: ElectronicSignature) throws -> [UInt8] {
        guard signedValue.dataHash == dataHash else {
            throw OFDStampError.signedValueMismatch(field: "dataHash", expected: Hex.encode(dataHash), found: Hex.encode(signedValue.dataHash))
        }
        guard signedValue.propertyInfo == signatureXMLPath else {
            throw OFDStampError.signedValueMismatch(field: "propertyInfo", expected: signatureXMLPath, found: signedValue.propertyInfo)
        }
        let time = signedValue.signingTime.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        guard time == signingTime else {
            throw OFDStampError.signedValueMismatch(
                field: "signing time", expected: "\(signingTime)", found: signedValue.signingTime.map { "\($0)" } ?? "none")
        }
        guard signedValue.seal.derEncoded == sealDER else {
            throw OFDStampError.signedValueMismatch(field: "seal", expected: "the seal in Seal.esl", found: "another seal (esID \(signedValue.seal.esID))")
        }
        // The original entries are copied as stored; the edited ones (OFD.xml, Signatures.xml) are replaced and the
        // signature's files appended.
        let replaced = original.paths.filter { changed[$0] != nil }
        let members = replaced.compactMap { path in changed[path].map { OFDPackageMember(path: path, bytes: $0) } }
            + added.map { OFDPackageMember(path: $0.path, bytes: $0.bytes) }
            + [OFDPackageMember(path: signedValuePath, bytes: signedValue.derEncoded)]
        let bytes: [UInt8]
        do {
            bytes = try OFDPackageWriter.update(original.archive, removing: replaced, adding: members, modificationDate: signingTime)
        } catch {
            throw OFDStampError.cannotWrite(error.description)
        }
        var files = original.files
        for member in members { files[member.path] = member.bytes }
        let paths = original.paths.filter { changed[$0] == nil } + members.map(\.path)
        try selfCheck(OFDPackage(written: bytes, paths: paths, files: files), signedValue: signedValue)
        return bytes
    }

    /// Checks the stamp in `written`, the package as the writer wrote and read it back (kept entries stored as
    /// before, new members inflating to their bytes): its structure read again (OFD.xml, Document.xml, Signatures.xml
    /// listing the signature), the stored Signature.xml hashing to the signed dataHash, SignedValue.dat and Seal.esl as
    /// made, the References covering exactly every other member, each CheckValue the SM3 of that member — recomputed
    /// for every member this stamp wrote, and for a kept member the digest taken of its very bytes in ``prepare``.
    func selfCheck(_ written: OFDPackage, signedValue: ElectronicSignature) throws {
        let signaturePath = String(signatureXMLPath.dropFirst())
        let file: OFDFile
        do {
            file = try OFDFile(written, limits: limits)
        } catch {
            throw OFDStampError.selfCheckFailed(file: "the stamped OFD package", "\(error)")
        }
        let package = file.package
        guard let list = file.bodies.first?.signatures, list.path == signaturesPath,
            list.signatures.contains(where: { $0.id == signatureID && $0.baseLoc.path == signaturePath })
        else {
            throw OFDStampError.selfCheckFailed(file: signaturesPath, "it does not list signature \(signatureID) at \(signatureXMLPath)")
        }
        guard let stored = package.file(signaturePath), stored == signatureXML, try SM3.hash(stored) == signedValue.dataHash else {
            throw OFDStampError.selfCheckFailed(file: signaturePath, "its SM3 is not the signed value's dataHash")
        }
        guard package.file(signedValuePath) == signedValue.derEncoded, package.file(sealPath) == sealDER else {
            throw OFDStampError.selfCheckFailed(file: signedValuePath, "the signed value or Seal.esl is not what was written")
        }
        let description: OFDSignatureDescription
        do {
            description = try OFDSignatureDescription(package, path: signaturePath, referredBy: signaturesPath, limits: limits)
        } catch {
            throw OFDStampError.selfCheckFailed(file: signaturePath, "\(error)")
        }
        guard description.checkMethod == Self.checkMethod, description.deviations.isEmpty, description.signedValue.path == signedValuePath,
            description.sealLoc?.path == sealPath, description.stampAnnots.map(\.id) == appearances.map(\.id)
        else {
            throw OFDStampError.selfCheckFailed(file: signaturePath, "it does not read back as written (CheckMethod, SignedValue, Seal, StampAnnots)")
        }
        let covered = description.references.compactMap(\.path)
        let expected = Set(package.paths).subtracting([signaturesPath, signaturePath, signedValuePath])
        guard Set(covered) == expected, covered.count == description.references.count else {
            throw OFDStampError.selfCheckFailed(file: signaturePath, "its References do not cover exactly the package's other files")
        }
        for reference in description.references {
            guard let path = reference.path, let member = package.file(path), let value = Data(base64Encoded: reference.checkValue),
                try (changed[path] == nil ? digests[path] : nil) ?? SM3.hash(member) == Array(value)
            else {
                throw OFDStampError.selfCheckFailed(file: reference.written, "its CheckValue in \(signaturePath) does not match its bytes")
            }
        }
    }
}
