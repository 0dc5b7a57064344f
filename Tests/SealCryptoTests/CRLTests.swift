import Foundation
import SealCrypto
import SealTestSupport
import SwiftASN1
import Testing

/// CertificateRevocationList read and issued: what goes in comes out, hostile shapes are refused with a reason,
/// every damaged byte is refused, and issuing refuses what a CA must not sign.
@Suite("X.509 CRLs: reading, issuing, damage")
struct CRLTests {
    /// The reason of a `.malformedCRL` thrown by `body`, nil (and a recorded issue) when something else happened.
    func malformedReason(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            try body()
            Issue.record("accepted", sourceLocation: sourceLocation)
        } catch SealCryptoError.malformedCRL(let reason) {
            return reason
        } catch {
            Issue.record("threw \(error), not .malformedCRL", sourceLocation: sourceLocation)
        }
        return nil
    }

    func expectMalformed(_ bytes: [UInt8], _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let reason = malformedReason({ _ = try CertificateRevocationList(derEncoded: bytes) }, sourceLocation: sourceLocation)
        #expect(reason?.contains(words) == true, "\(reason ?? "-")", sourceLocation: sourceLocation)
    }

    @Test("an issued CRL reads back with the same entries, reasons, invalidity date, number 7, AKI = the CA's SKI and whole-second dates")
    func roundTrip() throws {
        let ca = try CRLFixture()
        let serials = try CRLFixture.serials(4)
        let entries = CRLFixture.entries(serials)
        let issued = try ca.crl(entries: entries)
        let crl = try CertificateRevocationList(derEncoded: issued.derEncoded)

        #expect(crl == issued)
        #expect(crl.version == 2)
        #expect(crl.number == [7])
        #expect(crl.numberValue == 7)
        #expect(crl.authorityKeyIdentifier != nil)
        #expect(crl.authorityKeyIdentifier == ca.certificate.subjectKeyIdentifier)
        #expect(crl.issuerNameDER == ca.certificate.subjectNameDER)
        #expect(crl.issuer.description == ca.certificate.subject.description)
        #expect(crl.signatureAlgorithm == .sm2WithSM3)
        #expect(crl.unhandledCriticalExtensions.isEmpty)
        #expect(crl.thisUpdate == CRLFixture.whole(CRLFixture.now.addingTimeInterval(0.9)))
        #expect(crl.thisUpdate == CRLFixture.now)
        #expect(crl.nextUpdate == CRLFixture.now.addingTimeInterval(7 * 86_400))
        #expect(try crl.isSignatureValid(under: ca.certificate.publicKey))
        #expect(crl.isIssued(byNameOf: ca.certificate))
        #expect(crl.fingerprint == (try SM3.hash(crl.derEncoded)))

        // The same entries, in order, with dates cut to whole seconds; unspecified is read as no reason code.
        let expected = entries.map {
            RevokedCertificate(
                serialNumber: $0.serialNumber, revocationDate: CRLFixture.whole($0.revocationDate),
                reason: $0.reason == .unspecified ? nil : $0.reason, invalidityDate: $0.invalidityDate.map(CRLFixture.whole))
        }
        #expect(crl.entries == expected)
        #expect(crl.entries.map(\.reason) == [.cessationOfOperation, .superseded, .keyCompromise, nil])
        #expect(crl.entries[2].invalidityDate == CRLFixture.whole(CRLFixture.compromisedSince))
        #expect(crl.entries[2].effectiveDate == CRLFixture.whole(CRLFixture.compromisedSince))
        #expect(crl.entries[0].effectiveDate == CRLFixture.whole(CRLFixture.revokedAt))
        for (serial, entry) in zip(serials, expected) {
            #expect(crl.entry(forSerialNumber: serial) == entry)
            #expect(crl.entry(forSerialNumber: [0, 0] + serial) == entry)
        }
        #expect(crl.entry(forSerialNumber: [0x01]) == nil)
        let holder = try ca.issueHolder()
        #expect(crl.entry(for: holder) == nil)

        // The unspecified entry has no crlEntryExtensions at all (RFC 5280 §5.3.1: omit reasonCode for unspecified);
        // the invalidityDate is a GeneralizedTime; the entry extensions are not critical.
        let tbs = try DER.parse(crl.toBeSignedBytes)
        guard case .constructed(let fields) = tbs.content else { Issue.record("TBSCertList is not constructed"); return }
        let list = Array(fields)[5]
        guard case .constructed(let listed) = list.content else { Issue.record("revokedCertificates"); return }
        let nodes = Array(listed)
        #expect(nodes.count == 4)
        guard case .constructed(let last) = nodes[3].content, case .constructed(let third) = nodes[2].content else {
            Issue.record("entries"); return
        }
        #expect(Array(last).count == 2)
        let thirdExtensions = Array(third)[2]
        guard case .constructed(let thirdItems) = thirdExtensions.content else { Issue.record("entry extensions"); return }
        let invalidity = Array(thirdItems)[1]
        guard case .constructed(let invalidityParts) = invalidity.content else { Issue.record("invalidityDate"); return }
        let parts = Array(invalidityParts)
        #expect(parts.count == 2)  // no critical flag
        let value = try ASN1OctetString(derEncoded: parts[1])
        #expect(try DER.parse(value.bytes).identifier == .generalizedTime)
    }

    @Test("dates before 2050 are UTCTime, from 2050 GeneralizedTime (a nextUpdate in 2051), and read back to the second")
    func timeEncoding() throws {
        let ca = try CRLFixture()
        let in2051 = Date(timeIntervalSince1970: 2_556_143_999)  // 2050-12-31T23:59:59Z
            .addingTimeInterval(86_400 + 3600.5)  // 2051-01-02T00:59:59.5Z
        let crl = try ca.crl(entries: CRLFixture.entries(try CRLFixture.serials(4)), nextUpdate: in2051)
        #expect(crl.nextUpdate == CRLFixture.whole(in2051))
        let tbs = try DER.parse(crl.toBeSignedBytes)
        guard case .constructed(let fields) = tbs.content else { Issue.record("TBSCertList is not constructed"); return }
        let nodes = Array(fields)
        #expect(nodes[3].identifier == .utcTime)
        #expect(nodes[4].identifier == .generalizedTime)
        let next = try GeneralizedTime(derEncoded: nodes[4])
        #expect((next.year, next.month, next.day, next.hours, next.minutes, next.seconds) == (2051, 1, 2, 0, 59, 59))
        #expect(next.fractionalSeconds == 0)
        let this = try UTCTime(derEncoded: nodes[3])
        #expect((this.year, this.month, this.day) == (2026, 9, 21))

        // The last UTCTime second and the first GeneralizedTime one.
        let lastUTC = Date(timeIntervalSince1970: 2_524_607_999)  // 2049-12-31T23:59:59Z
        let edge = try CertificateRevocationList.issue(
            issuer: ca.certificate, signer: ca.key, number: [1], thisUpdate: lastUTC, nextUpdate: lastUTC.addingTimeInterval(1), entries: [])
        let edgeFields = try DER.parse(edge.toBeSignedBytes)
        guard case .constructed(let edgeNodes) = edgeFields.content else { Issue.record("TBSCertList"); return }
        #expect(Array(edgeNodes)[3].identifier == .utcTime)
        #expect(Array(edgeNodes)[4].identifier == .generalizedTime)
        #expect(edge.thisUpdate == lastUTC)
        #expect(edge.nextUpdate == lastUTC.addingTimeInterval(1))
        #expect(edge.entries.isEmpty)
        #expect(edge.isStale(at: lastUTC.addingTimeInterval(2)))
        #expect(!edge.isStale(at: lastUTC.addingTimeInterval(1)))
    }

    @Test("every single-byte change and every truncation of a small CRL is refused, by the parser or by the signature, never by a crash")
    func everyByteChange() throws {
        let ca = try CRLFixture()
        let crl = try ca.crl(entries: [
            RevokedCertificate(serialNumber: [0x2a, 0x01], revocationDate: CRLFixture.revokedAt, reason: .keyCompromise,
                               invalidityDate: CRLFixture.compromisedSince)
        ])
        let original = crl.derEncoded
        let key = ca.certificate.publicKey
        #expect(try CertificateRevocationList(derEncoded: original).isSignatureValid(under: key))
        var parsedRefused = 0, signatureRefused = 0, tried = 0
        for position in original.indices {
            var values = Set([original[position] ^ 0x01, original[position] ^ 0x80, original[position] ^ 0xff, 0x00, 0xff, 0x30])
            values.remove(original[position])
            for value in values {
                var changed = original
                changed[position] = value
                tried += 1
                let parsed: CertificateRevocationList
                do {
                    parsed = try CertificateRevocationList(derEncoded: changed)
                } catch is SealCryptoError {
                    parsedRefused += 1
                    continue
                }
                let valid = (try? parsed.isSignatureValid(under: key)) ?? false
                #expect(!valid, "byte \(position) set to \(value) is accepted")
                if !valid { signatureRefused += 1 }
            }
        }
        #expect(parsedRefused + signatureRefused == tried)
        #expect(parsedRefused > 0 && signatureRefused > 0)
        for length in 0..<original.count {
            #expect(throws: SealCryptoError.self, "the first \(length) bytes are accepted") {
                try CertificateRevocationList(derEncoded: Array(original.prefix(length)))
            }
        }
        #expect(throws: SealCryptoError.self) { try CertificateRevocationList(derEncoded: original + [0x00]) }
    }

    @Test("a CRL signed by another CA with the same subject name is refused under the real CA's key")
    func otherCA() throws {
        let ca = try CRLFixture(), impostor = try CRLFixture()
        #expect(impostor.certificate.subjectNameDER == ca.certificate.subjectNameDER)
        let forged = try impostor.crl(entries: CRLFixture.entries(try CRLFixture.serials(4)))
        #expect(try forged.isSignatureValid(under: impostor.certificate.publicKey))
        #expect(try !forged.isSignatureValid(under: ca.certificate.publicKey))
        // Its AKI names the impostor's key, so it is not even taken as the real CA's.
        #expect(!forged.isIssued(byNameOf: ca.certificate))
        // Without an AKI the name matches, and the signature is what refuses it.
        var builder = try CRLBuilder(issuer: ca.certificate, at: CRLFixture.now)
        builder.extensions = [try .number([8])]
        let unnamed = try CertificateRevocationList(derEncoded: try builder.build(signer: impostor.key))
        #expect(unnamed.authorityKeyIdentifier == nil)
        #expect(unnamed.isIssued(byNameOf: ca.certificate))
        #expect(try !unnamed.isSignatureValid(under: ca.certificate.publicKey))
        // An ECDSA key is not an SM2 key: a typed error, not a false "valid".
        let p256 = try PrivateKey.generate(.p256)
        #expect(throws: SealCryptoError.self) { try unnamed.isSignatureValid(under: p256.publicKey) }
    }

    @Test("the builder's own CRL is well-formed and signed (so the refusals below are the reader's)")
    func builderBaseline() throws {
        let ca = try CRLFixture()
        let crl = try CertificateRevocationList(derEncoded: try CRLBuilder(issuer: ca.certificate, at: CRLFixture.now).build(signer: ca.key))
        #expect(try crl.isSignatureValid(under: ca.certificate.publicKey))
        #expect(crl.entries == [RevokedCertificate(serialNumber: [1, 2, 3], revocationDate: CRLFixture.now.addingTimeInterval(-60), reason: .keyCompromise)])
        #expect(crl.number == [7])
        #expect(crl.authorityKeyIdentifier == ca.certificate.subjectKeyIdentifier)
    }

    @Test("malformed CRLs are refused with a reason that names the problem")
    func malformed() throws {
        let ca = try CRLFixture()
        let base = try CRLBuilder(issuer: ca.certificate, at: CRLFixture.now)
        func bytes(_ change: (inout CRLBuilder) throws -> Void) throws -> [UInt8] {
            var builder = base
            try change(&builder)
            return try builder.build(signer: ca.key)
        }
        let date = CRLBuilder.Time.utc(CRLFixture.now.addingTimeInterval(-60))

        expectMalformed(try bytes { $0.version = nil; $0.entries![0].extensions = nil }, "a v1 CRL has extensions")
        expectMalformed(try bytes { $0.version = nil; $0.extensions = nil }, "a v1 CRL has entry extensions")
        expectMalformed(try bytes { $0.version = 2 }, "version 3, expected v2")
        expectMalformed(try bytes { $0.version = 0 }, "version 1, expected v2")
        // The widest versions are named, not trapped on (Int.max + 1 overflowed before).
        expectMalformed(try bytes { $0.version = Int.max }, "version field 9223372036854775807, expected v2")
        expectMalformed(try bytes { $0.version = Int.min }, "version -9223372036854775807, expected v2")
        expectMalformed(
            try bytes { $0.entries! += [CRLBuilder.Entry(serial: .unsigned([1, 2, 3]), date: date)] }, "serial number 010203 is listed twice")
        expectMalformed(try bytes { $0.entries = [CRLBuilder.Entry(serial: .signed(-5), date: date)] }, "not a positive INTEGER")
        expectMalformed(try bytes { $0.entries = [CRLBuilder.Entry(serial: .signed(0), date: date)] }, "0 bytes long, not 1 to 20")
        expectMalformed(
            try bytes { $0.entries = [CRLBuilder.Entry(serial: .unsigned(Array(repeating: 0x11, count: 21)), date: date)] },
            "21 bytes long, not 1 to 20")
        for code in [7, 11, -1, 1000] {
            expectMalformed(
                try bytes { $0.entries = [CRLBuilder.Entry(serial: .unsigned([9]), date: date, extensions: [try .reasonCode(code)])] },
                "reason code \(code) is not one RFC 5280 defines")
        }
        expectMalformed(try bytes { $0.entries = [] }, "present but empty")
        expectMalformed(
            try bytes { $0.nextUpdate = .utc(CRLFixture.now.addingTimeInterval(-1)) }, "is before thisUpdate")
        expectMalformed(try bytes { $0.outerAlgorithm = [1, 2, 840, 10045, 4, 3, 2] }, "differs from the one outside")
        expectMalformed(try bytes { $0.innerAlgorithm = [1, 2, 840, 10045, 4, 3, 2] }, "differs from the one outside")
        expectMalformed(try bytes { $0.extensions! += [try .number([8])] }, "extension 2.5.29.20 appears twice")
        expectMalformed(try bytes { $0.extensions = [] }, "an Extensions list is empty")
        expectMalformed(try bytes { $0.extensions = [try .number(Array(repeating: 0x7f, count: 21))] }, "more than 20")
        expectMalformed(
            try bytes {
                $0.entries = [CRLBuilder.Entry(serial: .unsigned([9]), date: date, extensions: [try .invalidityDate(.utc(CRLFixture.now))])]
            }, "not a GeneralizedTime")
        expectMalformed(try bytes { $0.trailingField = 5 }, "fields after its extensions")
        expectMalformed(try bytes { $0.issuerNameDER = [0x05, 0x00] }, "the issuer is not a Name")
        expectMalformed(try bytes { $0.issuerNameDER = [] }, "the issuer is not a Name")
        expectMalformed(try bytes { $0.entries = [CRLBuilder.Entry(serial: .unsigned([9]), date: date, extensions: [])] }, "empty")

        // A v1 CRL without any extensions is still read (RFC 5280 §5.1.2.1), as version 1.
        let v1 = try CertificateRevocationList(derEncoded: try bytes {
            $0.version = nil; $0.extensions = nil; $0.entries = [CRLBuilder.Entry(serial: .unsigned([9]), date: date)]
        })
        #expect(v1.version == 1)
        #expect(v1.number == nil && v1.authorityKeyIdentifier == nil)
        // Without nextUpdate and revokedCertificates.
        let bare = try CertificateRevocationList(derEncoded: try bytes { $0.nextUpdate = nil; $0.entries = nil })
        #expect(bare.nextUpdate == nil && bare.entries.isEmpty && !bare.isStale(at: .distantFuture))
        // GeneralizedTime thisUpdate before 2050 is read too (RFC 5280 asks UTCTime, but the instant is clear).
        let general = try CertificateRevocationList(derEncoded: try bytes { $0.thisUpdate = .generalized(CRLFixture.now) })
        #expect(general.thisUpdate == CRLFixture.now)
    }

    @Test("unknown critical extensions are reported, not thrown; unknown non-critical ones are ignored")
    func unhandledCritical() throws {
        let ca = try CRLFixture()
        var builder = try CRLBuilder(issuer: ca.certificate, at: CRLFixture.now)
        builder.extensions! += [try .opaque([2, 5, 29, 27], critical: true), try .opaque([1, 2, 3, 4], critical: false)]  // deltaCRLIndicator
        builder.entries![0].extensions! += [try .opaque([2, 5, 29, 29], critical: true)]  // certificateIssuer (indirect CRL)
        let crl = try CertificateRevocationList(derEncoded: try builder.build(signer: ca.key))
        #expect(crl.unhandledCriticalExtensions == ["2.5.29.29", "2.5.29.27"])
        #expect(try crl.isSignatureValid(under: ca.certificate.publicKey))
        #expect(crl.entries.count == 1)
    }

    @Test("PEM is read like DER; other PEM types, oversized inputs and non-DER are refused with typed errors")
    func inputForms() throws {
        let ca = try CRLFixture()
        let crl = try ca.crl(entries: CRLFixture.entries(try CRLFixture.serials(4)))
        #expect(crl.pemEncoded.hasPrefix("-----BEGIN X509 CRL-----\n"))
        #expect(try CertificateRevocationList(derOrPEM: Array(crl.pemEncoded.utf8)) == crl)
        #expect(try CertificateRevocationList(derOrPEM: Array(("\n  " + crl.pemEncoded).utf8)) == crl)
        #expect(try CertificateRevocationList(derOrPEM: crl.derEncoded) == crl)
        let reason = malformedReason { _ = try CertificateRevocationList(derOrPEM: Array(ca.certificate.pemEncoded.utf8)) }
        #expect(reason?.contains("PEM block is \"CERTIFICATE\", expected \"X509 CRL\"") == true, "\(reason ?? "-")")
        // A certificate's DER is not a CRL.
        #expect(malformedReason { _ = try CertificateRevocationList(derEncoded: ca.certificate.derEncoded) } != nil)
        #expect(malformedReason { _ = try CertificateRevocationList(derEncoded: []) } != nil)

        let huge = [UInt8](repeating: 0x30, count: CertificateRevocationList.maximumBytes + 1)
        for read in [{ try CertificateRevocationList(derEncoded: huge) }, { try CertificateRevocationList(derOrPEM: huge) }] {
            #expect(throws: SealCryptoError.inputTooLarge(what: "CRL", bytes: huge.count, limit: CertificateRevocationList.maximumBytes)) {
                _ = try read()
            }
        }
    }

    @Test("issuing refuses a key that is not the issuer's, an issuer without cRLSign, a reversed window, a serial twice, bad sizes")
    func issuingRefusals() throws {
        let ca = try CRLFixture()
        let now = CRLFixture.now, later = CRLFixture.now.addingTimeInterval(86_400)
        let entry = RevokedCertificate(serialNumber: [1, 2, 3], revocationDate: now, reason: .superseded)
        func issue(
            issuer: Certificate? = nil, signer: PrivateKey? = nil, number: [UInt8] = [7], from: Date = CRLFixture.now,
            to: Date = CRLFixture.now.addingTimeInterval(86_400), entries: [RevokedCertificate]
        ) throws {
            _ = try CertificateRevocationList.issue(
                issuer: issuer ?? ca.certificate, signer: signer ?? ca.key, number: number, thisUpdate: from, nextUpdate: to, entries: entries)
        }
        #expect(throws: SealCryptoError.issuerKeyDoesNotMatchIssuerCertificate) {
            try issue(signer: try PrivateKey.generate(.sm2), entries: [entry])
        }
        let noCRLSign = try CRLFixture(usage: [.keyCertSign])
        #expect(throws: SealCryptoError.invalidCRL(reason: "\(noCRLSign.certificate.subject) may not sign CRLs (its keyUsage lacks cRLSign)")) {
            try issue(issuer: noCRLSign.certificate, signer: noCRLSign.key, entries: [entry])
        }
        func invalidReason(_ body: () throws -> Void) -> String? {
            do { try body() } catch SealCryptoError.invalidCRL(let reason) { return reason } catch { Issue.record("\(error)") }
            return nil
        }
        #expect(invalidReason { try issue(from: later, to: now, entries: [entry]) }?.contains("is not after thisUpdate") == true)
        #expect(invalidReason { try issue(from: now, to: now, entries: [entry]) }?.contains("is not after thisUpdate") == true)
        let twice = RevokedCertificate(serialNumber: [0, 1, 2, 3], revocationDate: later, reason: .keyCompromise)
        #expect(invalidReason { try issue(entries: [entry, twice]) } == "serial number 010203 is listed twice")
        #expect(invalidReason { try issue(number: Array(repeating: 1, count: 21), entries: [entry]) }?.contains("21 bytes long") == true)
        #expect(throws: SealCryptoError.invalidSerialNumber(byteCount: 21)) {
            try issue(entries: [RevokedCertificate(serialNumber: Array(repeating: 1, count: 21), revocationDate: now, reason: nil)])
        }
        #expect(throws: SealCryptoError.invalidSerialNumber(byteCount: 0)) {
            try issue(entries: [RevokedCertificate(serialNumber: [0], revocationDate: now, reason: nil)])
        }

        // Dates no X.509 time can hold are refused with a reason (time_t(_:) trapped on them before).
        for seconds in [Double.nan, .infinity, -.infinity, 1e19, -1e19, 4e11] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(invalidReason { try issue(entries: [RevokedCertificate(serialNumber: [5], revocationDate: date, reason: nil)]) }?
                .contains("outside the years 1 to 9999") == true, "revocationDate \(seconds)")
            #expect(invalidReason {
                try issue(entries: [RevokedCertificate(serialNumber: [5], revocationDate: now, reason: .keyCompromise, invalidityDate: date)])
            }?.contains("outside the years 1 to 9999") == true, "invalidityDate \(seconds)")
        }
        #expect(invalidReason { try issue(from: Date(timeIntervalSince1970: 4e11), to: Date(timeIntervalSince1970: 5e11), entries: []) }?
            .contains("outside the years 1 to 9999") == true)
        #expect(invalidReason { try issue(to: Date(timeIntervalSince1970: 1e19), entries: []) }?.contains("outside the years 1 to 9999") == true)
        // Year 9999's last second and year 1's first are written and read back.
        let last = Date(timeIntervalSince1970: 253_402_300_799), first = Date(timeIntervalSince1970: -62_135_596_800)
        let extremes = try CertificateRevocationList.issue(
            issuer: ca.certificate, signer: ca.key, number: [1], thisUpdate: now, nextUpdate: last,
            entries: [RevokedCertificate(serialNumber: [5], revocationDate: first, reason: .keyCompromise, invalidityDate: first)])
        #expect(extremes.nextUpdate == last)
        #expect(extremes.entries.first?.revocationDate == first && extremes.entries.first?.invalidityDate == first)

        // The edges that are allowed: number 0 (an INTEGER with one zero byte), 20-byte number and serials with the
        // top bit set, an empty list.
        let zero = try CertificateRevocationList.issue(
            issuer: ca.certificate, signer: ca.key, number: [0], thisUpdate: now, nextUpdate: later, entries: [])
        #expect(zero.numberValue == 0 && zero.entries.isEmpty)
        let wide = Array(repeating: UInt8(0xff), count: 20)
        let big = try CertificateRevocationList.issue(
            issuer: ca.certificate, signer: ca.key, number: wide, thisUpdate: now, nextUpdate: later,
            entries: [RevokedCertificate(serialNumber: wide, revocationDate: now, reason: .affiliationChanged)])
        #expect(big.number == wide && big.numberValue == nil)
        #expect(big.entry(forSerialNumber: wide)?.reason == .affiliationChanged)
    }

    @Test("CRLReason names, codes and 中文 names")
    func reasons() {
        #expect(CRLReason(name: "keyCompromise") == .keyCompromise)
        #expect(CRLReason(name: "CESSATIONOFOPERATION") == .cessationOfOperation)
        #expect(CRLReason(name: "4") == .superseded)
        #expect(CRLReason(name: "7") == nil)
        #expect(CRLReason(name: "superceded") == nil)
        #expect(CRLReason.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6, 8, 9, 10])
        #expect(CRLReason.allCases.allSatisfy { CRLReason(name: $0.name) == $0 && !$0.chineseName.isEmpty })
        #expect(CRLReason.allCases.filter(\.isCompromise) == [.keyCompromise, .cACompromise, .aACompromise])
    }
}
