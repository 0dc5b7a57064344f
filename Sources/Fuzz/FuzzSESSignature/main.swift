// libFuzzer harness: SES_Signature (GB/T 38540 v4 and GM/T 0031 v1), as `signature show` and `verify` read a
// signature file: `ElectronicSignature(derEncoded:)`, every field `signature show` prints, then
// `SignatureVerifier.verify` without the document and without a trust check, and with the fixed document
// `SEALSTATION_FUZZ_DOCUMENT` against the fixed trust anchor `SEALSTATION_FUZZ_ANCHOR` (the demo station's).
import FuzzSupport
import Foundation
import SealCrypto
import SealSES
import SwiftASN1

/// The verifiers and the document, made once.
enum Fixed {
    static let unchecked = SignatureVerifier(trust: .noTrustCheck)
    static let anchored = SignatureVerifier(trust: .anchors([Fuzz.certificate(fromEnvironment: "SEALSTATION_FUZZ_ANCHOR")]))
    static let document = Fuzz.optionalFile(fromEnvironment: "SEALSTATION_FUZZ_DOCUMENT") ?? Array("a document".utf8)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSESSignature(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let signature = try? ElectronicSignature(derEncoded: Fuzz.bytes(data, size)) else { return 0 }
    _ = (signature.version.rawValue, signature.signingTime, signature.documentName, signature.propertyInfo)
    _ = Hex.encode(signature.dataHash)
    _ = try? Certificate(derEncoded: signature.signerCertificate).subject.description
    _ = (signature.signatureAlgorithm.description, signature.signatureValue.bytes.count, signature.signedMessage.count)
    _ = signature.extensions.map { "\($0)" }
    _ = signature.readingDeviations.map(\.description)
    _ = (signature.seal.name, signature.seal.esID, signature.seal.picture.data.count)
    let time = signature.signingTime ?? signature.seal.validStart
    for report in [Fixed.unchecked.verify(signature, document: nil, fallbackTime: time),
                   Fixed.anchored.verify(signature, document: Fixed.document, fallbackTime: time)] {
        _ = (report.isValid, report.checks.count, report.deviations)
    }
    return 0
}

Fuzz.run(fuzzSESSignature)
