import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealSES

extension BenchCommand {
    /// Seals verified and made per second against `openssl speed sm2`.
    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Seals verified/s vs `openssl speed sm2` verify/s; seals made/s vs sign/s.",
            discussion: """
                One core. "verify" is the whole check of `sealstation seal verify` on a reused verifier: parse the
                seal, the maker's SM2 signature over SES_SealInfo, the maker chain to the station CA (its signatures
                are cached across seals, validity is not), validity window, picture and holder list. "make" builds,
                signs and encodes a seal. Both are measured with a 4 KiB picture (an SVG) and a 32 KiB picture (a
                600-dpi PNG); the SM3 of the picture is part of what the maker signs. Goal: verify ratio ≥ 0.9.

                Example:
                  Scripts/bench seal --seconds 3
                """)

        @Option(help: "Seconds per measurement (as `openssl speed -seconds`).")
        var seconds: Int = 3

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let now = Date()
            let caKey = try PrivateKey.generate(.sm2)
            func template(_ subject: String, _ constraints: CertificateTemplate.BasicConstraints, _ usage: KeyUsage) throws -> CertificateTemplate {
                CertificateTemplate(
                    subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(),
                    notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(86_400 * 365),
                    basicConstraints: constraints, keyUsage: usage)
            }
            let ca = try Certificate.issue(
                template("/CN=bench CA", .certificateAuthority(pathLength: 0), [.keyCertSign, .cRLSign]),
                subjectKey: caKey.publicKey, issuer: nil, issuerKey: caKey)
            let makerKey = try PrivateKey.generate(.sm2), holderKey = try PrivateKey.generate(.sm2)
            let maker = try Certificate.issue(
                template("/CN=制章人", .endEntity, [.digitalSignature, .nonRepudiation]), subjectKey: makerKey.publicKey,
                issuer: ca, issuerKey: caKey)
            let holder = try Certificate.issue(
                template("/CN=合同专用章", .endEntity, [.digitalSignature, .nonRepudiation]), subjectKey: holderKey.publicKey,
                issuer: ca, issuerKey: caKey)

            func request(pictureBytes: Int) throws -> SealMakingRequest {
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
                return SealMakingRequest(
                    esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holder],
                    createDate: now, validStart: now, validEnd: now.addingTimeInterval(86_400 * 300),
                    picture: SealPicture(type: "PNG", data: png + (try SecureRandom.bytes(count: pictureBytes - png.count)), widthMM: 42, heightMM: 42))
            }

            var figures: [BenchFigure] = []
            var ours: [(String, Double, Bool)] = []  // name, rate, is verify
            for size in [4096, 32768] {
                let sealRequest = try request(pictureBytes: size)
                let seal = try SealMaker.make(sealRequest, makerKey: makerKey, makerCertificate: maker)
                let verifier = SealVerifier(trust: .anchors([ca]))
                guard verifier.verify(seal, at: now).isValid else { throw BenchError.verifyFailed }
                Measure.log(json, "measuring seal verify (\(size / 1024) KiB picture) for \(seconds) s…")
                let verifyRate = try Measure.rate(for: Double(seconds)) {
                    let parsed = try ElectronicSeal(derEncoded: seal.derEncoded)
                    guard verifier.verify(parsed, at: now).isValid else { throw BenchError.verifyFailed }
                }
                Measure.log(json, "measuring seal make (\(size / 1024) KiB picture) for \(seconds) s…")
                let makeRate = try Measure.rate(for: Double(seconds)) {
                    _ = try SealMaker.make(sealRequest, makerKey: makerKey, makerCertificate: maker)
                }
                ours.append(("seal verify, \(size / 1024) KiB picture", verifyRate, true))
                ours.append(("seal make, \(size / 1024) KiB picture", makeRate, false))
            }
            Measure.log(json, "running openssl speed -seconds \(seconds) sm2…")
            let reference = try OpenSSLSpeed.sm2(seconds: seconds)
            for (name, rate, isVerify) in ours {
                figures.append(BenchFigure(
                    name: name, unit: isVerify ? "seals/s" : "seals/s", ours: rate,
                    reference: isVerify ? reference.verify : reference.sign))
            }
            try BenchReport(seconds: seconds, reference: OpenSSLSpeed.version(), figures: figures).print(json: json)
        }
    }
}
