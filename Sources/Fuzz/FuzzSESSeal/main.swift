// libFuzzer harness: SES_Seal (GB/T 38540 v4 and GM/T 0031 v1), as `seal show` and `seal verify` read a seal file:
// `ElectronicSeal(derEncoded:)`, every field `seal show` prints, then `SealVerifier.verify` without a trust check
// and against the fixed trust anchor `SEALSTATION_FUZZ_ANCHOR` (the demo station's CA).
import FuzzSupport
import Foundation
import SealCrypto
import SealSES
import SwiftASN1

/// The verifiers, made once.
enum Fixed {
    static let verifiers = [
        SealVerifier(trust: .noTrustCheck),
        SealVerifier(trust: .anchors([Fuzz.certificate(fromEnvironment: "SEALSTATION_FUZZ_ANCHOR")])),
    ]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSESSeal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let seal = try? ElectronicSeal(derEncoded: Fuzz.bytes(data, size)) else { return 0 }
    Fields.touch(seal)
    for verifier in Fixed.verifiers {
        let report = verifier.verify(seal, at: seal.validStart)
        _ = (report.isValid, report.checks.count, report.deviations)
    }
    return 0
}

/// The fields `seal show` prints (SealSummary), each read once.
enum Fields {
    static func touch(_ seal: ElectronicSeal) {
        _ = (seal.version.rawValue, seal.vendorID, seal.esID, seal.typeCode, seal.name, seal.certListType)
        _ = seal.holderCertificates.map { try? Certificate(derEncoded: $0).subject.description }
        _ = seal.holderCertificateDigests.map { "\($0.type) \(Hex.encode($0.value))" }
        _ = (seal.createDate, seal.validStart, seal.validEnd, seal.holderCount)
        _ = (seal.picture.type, seal.picture.data.count, seal.picture.widthMM, seal.picture.heightMM)
        _ = try? Certificate(derEncoded: seal.makerCertificate).subject.description
        _ = seal.extensions.map { "\($0)" }
        _ = seal.readingDeviations.map(\.description)
        _ = (seal.signatureAlgorithm.description, seal.signatureValue.bytes.count, seal.signedMessage().count)
    }
}

Fuzz.run(fuzzSESSeal)
