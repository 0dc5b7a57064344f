import Foundation
import SealCrypto
import SealDocument
import SealPKI
import SealSES

/// What verifying one signature of a document needs (the package, its Document.xml and Signatures.xml, which files use
/// which, the SES verifier) and the verification itself, one signature at a time.
struct OFDSignatureContext {
    let package: OFDPackage
    let document: OFDDocument
    let list: OFDSignatures
    let usage: OFDFileUsage
    let limits: OFDPackageLimits
    let time: Date
    let verifier: SignatureVerifier
    /// SM3 of the members hashed so far (signatures of one document mostly cover the same files).
    private var digests: [String: [UInt8]] = [:]

    init(
        package: OFDPackage, document: OFDDocument, list: OFDSignatures, usage: OFDFileUsage, limits: OFDPackageLimits, time: Date,
        verifier: SignatureVerifier
    ) {
        self.package = package
        self.document = document
        self.list = list
        self.usage = usage
        self.limits = limits
        self.time = time
        self.verifier = verifier
    }

    /// The report of signature `index` of Signatures.xml and the warnings about what it leaves unprotected.
    mutating func verify(_ index: Int) -> (DocumentSignatureReport, [DocumentWarning]) {
        let entry = list.signatures[index]
        let path = entry.baseLoc.path
        var report = DocumentSignatureReport(id: entry.id, location: "/" + path, kind: entry.kind == .seal ? .seal : .sign)
        if !entry.baseLoc.written.hasPrefix("/") {
            report.deviations.append("/\(list.path): Signature \(entry.id) names its Signature.xml by the relative path '\(entry.baseLoc.written)'")
        }
        let description: OFDSignatureDescription
        do {
            description = try OFDSignatureDescription(package, path: path, referredBy: list.path, limits: limits)
        } catch {
            report.fail("signature-description", "signature description (Signature.xml)", "\(error)")
            return (report, [])
        }
        report.deviations += description.deviations
        if entry.kind == .sign {
            report.fail(
                "signature-type", "signature type",
                "Type=Sign (a GB/T 35275 PKCS#7 signature without a seal) is not verifiable by this seal verifier; only Type=Seal is")
        }
        let covered = checkReferences(description, into: &report)
        report.appearances = appearances(description, into: &report)
        let unprotected = unprotectedFiles(index: index, description: description, covered: covered)
        report.unprotected = unprotected
        let warnings = unprotected.filter { $0.reason == .notReferenced && !$0.usedBy.isEmpty }.map { file in
            DocumentWarning(
                signatureID: entry.id,
                message: "\(file.file) is not protected by signature \(entry.id), but \(file.usedBy.joined(separator: ", ")) "
                    + "use\(file.usedBy.count == 1 ? "s" : "") it: it can be changed without breaking the signature")
        }
        guard entry.kind == .seal else { return (report, warnings) }
        checkSES(description, signatureXML: package.file(path) ?? [], into: &report)
        return (report, warnings)
    }

    // MARK: - References

    /// Checks the digest method and every Reference; returns the member paths the signature covers.
    private mutating func checkReferences(_ description: OFDSignatureDescription, into report: inout DocumentSignatureReport) -> Set<String> {
        let covered = Set(description.references.compactMap(\.path))
        let methodTitle = "digest method of the references (CheckMethod)"
        switch OFDCheckMethod(description.checkMethod) {
        case .sm3:
            report.pass("check-method", methodTitle, "SM3 (\(description.checkMethod ?? ""))")
        case .sm3Deviating(let written):
            report.pass("check-method", methodTitle, "\(written), read as SM3")
            report.deviations.append("/\(description.path): CheckMethod '\(written)' is not SM3's OID (\(OFDCheckMethod.sm3OID)); read as SM3")
        case .refused(let written):
            report.fail(
                "check-method", methodTitle,
                written.map { "CheckMethod '\($0)' is not SM3; only SM3 (SM3 or \(OFDCheckMethod.sm3OID)) is accepted" }
                    ?? "References has no CheckMethod attribute (the XSD's default is MD5); only SM3 is accepted")
            return covered
        }
        let title = "integrity of the protected files (References)"
        guard !description.references.isEmpty else {
            report.fail("references", title, "the signature protects no file")
            return covered
        }
        for reference in description.references {
            guard let path = reference.path else {
                report.references.append(ReferenceCheck(file: reference.written, status: .missing))
                continue
            }
            guard let bytes = package.file(path) else {
                report.references.append(ReferenceCheck(file: "/" + path, status: .missing))
                continue
            }
            let expected = Data(base64Encoded: reference.checkValue, options: .ignoreUnknownCharacters).map { [UInt8]($0) }
            let actual = digests[path] ?? (try? SM3.hash(bytes))
            digests[path] = actual
            report.references.append(ReferenceCheck(file: "/" + path, status: actual != nil && actual == expected ? .ok : .changed))
        }
        let changed = report.references.filter { $0.status == .changed }.map(\.file)
        let missing = report.references.filter { $0.status == .missing }.map(\.file)
        if changed.isEmpty && missing.isEmpty {
            report.pass("references", title, "all \(report.references.count) files are as signed (SM3)")
        } else {
            var parts: [String] = []
            if !changed.isEmpty { parts.append("changed since signing: \(changed.joined(separator: ", "))") }
            if !missing.isEmpty { parts.append("missing from the package: \(missing.joined(separator: ", "))") }
            let intact = report.references.count - changed.count - missing.count
            report.fail("references", title, parts.joined(separator: "; ") + " (\(intact) of \(report.references.count) intact)")
        }
        return covered
    }

    // MARK: - Appearances

    /// The StampAnnots with their pages; a PageRef to no page or an unreadable box fails `stamp-annotations`.
    private func appearances(_ description: OFDSignatureDescription, into report: inout DocumentSignatureReport) -> [StampAppearance] {
        let title = "visible appearances (StampAnnot)"
        guard !description.stampAnnots.isEmpty else {
            report.skip("stamp-annotations", title, "the signature has no visible appearance")
            return []
        }
        var result: [StampAppearance] = []
        var problems: [String] = []
        for annot in description.stampAnnots {
            let pageID = annot.pageRef.trimmingCharacters(in: .whitespacesAndNewlines)
            let index = UInt32(pageID).flatMap { id in document.pages.firstIndex { $0.id == id } }
            if index == nil { problems.append("StampAnnot \(annot.id): PageRef '\(pageID)' names no page of /\(document.path)") }
            guard let boundary = Self.box(annot.boundary) else {
                problems.append("StampAnnot \(annot.id): Boundary '\(annot.boundary)' is not four finite numbers with a positive width and height")
                continue
            }
            var clip: MillimetreBox?
            if let written = annot.clip {
                clip = Self.box(written)
                if clip == nil {
                    problems.append("StampAnnot \(annot.id): Clip '\(written)' is not four finite numbers with a positive width and height")
                }
            }
            result.append(StampAppearance(id: annot.id, page: index.map { $0 + 1 }, pageID: pageID, boundary: boundary, clip: clip))
        }
        if problems.isEmpty {
            let pages = result.compactMap(\.page).map(String.init).joined(separator: ", ")
            let plural = result.count == 1 ? "" : "s"
            report.pass("stamp-annotations", title, "\(result.count) appearance\(plural) on page\(plural) \(pages)")
        } else {
            report.fail("stamp-annotations", title, problems.joined(separator: "; "))
        }
        return result
    }

    /// An ST_Box `"x y w h"` (mm): four finite numbers, width and height positive and at most 10 m.
    static func box(_ written: String) -> MillimetreBox? {
        let parts = written.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count == 4, parts.allSatisfy({ $0.utf8.count <= 32 }) else { return nil }
        let numbers = parts.compactMap { Double($0) }
        guard numbers.count == 4, numbers.allSatisfy({ $0.isFinite && abs($0) <= 10_000 }), numbers[2] > 0, numbers[3] > 0 else { return nil }
        return MillimetreBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }

    // MARK: - Unprotected files

    /// Every file outside the signatures' own files that the signature does not cover: files of later signatures were
    /// added after it; anything else was left out by the signer, with the files that use it. A signature's own files
    /// are its Signature.xml, SignedValue and seal file and its directory (Sign_N/), unless that directory holds the
    /// document itself (a hostile BaseLoc must not hide the pages).
    private func unprotectedFiles(
        index: Int, description: OFDSignatureDescription, covered: Set<String>
    ) -> [UnprotectedFile] {
        let directories = list.signatures.map { signatureDirectory(of: $0.baseLoc.path) }
        let allDirectories = Set(directories.compactMap { $0 })
        let ownFiles = Set([description.path, description.signedValue.path] + (description.sealLoc.map { [$0.path] } ?? []))
        let own = directories[index]
        let later = Set(directories[(index + 1)...].compactMap { $0 }).subtracting(own.map { [$0] } ?? [])
        let laterFiles = Set(list.signatures[(index + 1)...].map(\.baseLoc.path))
        // Signatures.xml's own directory (Doc_0/Signs/) belongs to the signatures, unless it holds the document (iOFD
        // writes Doc_0/Signatures.xml beside Document.xml).
        let signsArea = signatureDirectory(of: list.path)
        var result: [UnprotectedFile] = []
        for path in package.paths where !covered.contains(path) && path != list.path && !ownFiles.contains(path) {
            // A file the document uses is reported whatever directory it is in: a BaseLoc pointing into Res/ must
            // not make the document's images and fonts a signature's own files.
            let users = usage.users[path] ?? []
            guard users.isEmpty else {
                result.append(UnprotectedFile(file: "/" + path, reason: .notReferenced, usedBy: users.map { "/" + $0 }))
                continue
            }
            let ancestors = Self.ancestors(of: path)
            if let own, ancestors.contains(own) { continue }
            if laterFiles.contains(path) || !later.isDisjoint(with: ancestors) {
                result.append(UnprotectedFile(file: "/" + path, reason: .addedAfterSigning))
                continue
            }
            if let signsArea, ancestors.contains(signsArea), allDirectories.isDisjoint(with: ancestors) { continue }
            result.append(UnprotectedFile(file: "/" + path, reason: .notReferenced))
        }
        return result
    }

    /// The directory of `path` (with a trailing `/`) when it may hold signature files only: not the package root and not
    /// a directory the document's Document.xml is in.
    private func signatureDirectory(of path: String) -> String? {
        let directory = Self.directory(of: path)
        guard !directory.isEmpty, !document.path.hasPrefix(directory) else { return nil }
        return directory
    }

    /// Every directory `path` lies in, each with a trailing `/` (`a/b/c.xml`: `a/`, `a/b/`).
    static func ancestors(of path: String) -> Set<String> {
        var result = Set<String>()
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            result.insert(String(path[...slash]))
            index = path.index(after: slash)
        }
        return result
    }

    /// The directory of a member path, with a trailing `/` ("" for the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    // MARK: - The SES_Signature

    /// Reads SignedValue.dat, compares the seal file and verifies the SES_Signature over the Signature.xml bytes.
    private func checkSES(_ description: OFDSignatureDescription, signatureXML: [UInt8], into report: inout DocumentSignatureReport) {
        let title = "signed value (SES_Signature)"
        guard let value = package.file(description.signedValue.path) else {
            report.fail("signed-value", title, "/\(description.signedValue.path), named by SignedValue, is not in the package")
            return
        }
        let signature: ElectronicSignature
        do {
            signature = try ElectronicSignature(derEncoded: value)
        } catch {
            report.fail("signed-value", title, "/\(description.signedValue.path) is not a readable SES_Signature: \(error)")
            return
        }
        report.pass("signed-value", title, "/\(description.signedValue.path): \(signature.version.rawValue) SES_Signature, \(value.count) bytes")
        let seal = signature.seal
        report.seal = SealIdentity(seal)
        report.signer = (try? verifier.sealVerifier.cache.certificate(signature.signerCertificate)).map { "\($0.subject)" }
        report.signingTime = signature.signingTime
        report.sesVersion = signature.version.rawValue
        checkSealFile(description, seal: seal, into: &report)
        let property = signature.propertyInfo
        if property != "/" + description.path && property != description.path {
            report.deviations.append("TBS_Sign.propertyInfo '\(property)' is not the Signature.xml's path /\(description.path)")
        }
        let ses = verifier.verify(signature, document: signatureXML, fallbackTime: time)
        report.deviations += ses.deviations.map { "\($0)" }.filter { !report.deviations.contains($0) }
        report.ses = ses
    }

    /// `Seal/BaseLoc`, when declared, must hold exactly the seal embedded in the signature.
    private func checkSealFile(_ description: OFDSignatureDescription, seal: ElectronicSeal, into report: inout DocumentSignatureReport) {
        let title = "seal file (Seal.esl) is the signature's seal"
        guard let loc = description.sealLoc else {
            report.skip("seal-file", title, "the signature declares no seal file (optional)")
            return
        }
        guard let bytes = package.file(loc.path) else {
            report.fail("seal-file", title, "/\(loc.path), named by Seal/BaseLoc, is not in the package")
            return
        }
        if bytes == seal.derEncoded {
            report.pass("seal-file", title, "/\(loc.path) is byte for byte the seal in the SES_Signature")
        } else {
            report.fail(
                "seal-file", title,
                "/\(loc.path) (\(bytes.count) bytes) differs from the seal in the SES_Signature (\(seal.derEncoded.count) bytes)")
        }
    }
}
