public import Foundation
import SealCrypto
public import SealDocument
public import SealSES

/// A visible stamp (签章, GB/T 38540 with GB/T 33190 §18) prepared for one OFD document: prepared BEFORE signing
/// (``prepare(_:seal:placement:signingTime:provider:limits:)`` decides the appearances and writes the exact
/// Signature.xml whose SM3 the SES_Signature must carry as dataHash), packaged AFTER (``package(signedValue:)`` writes
/// the new package with the signed value and reads it back). Every original member stays byte-identical except
/// OFD.xml, which gains `Signatures` when the document had none, and Signatures.xml, which is created or gains an
/// entry; the References cover every other file (ContinueSign), so later stamps keep this one valid.
public struct OFDStamp: Sendable {
    /// `References@CheckMethod`: SM3 by its OID, as tax, KingGrid, AntChain and DianJu files write it.
    public static let checkMethod = "1.2.156.10197.1.401"
    /// `SignatureMethod`: SM2 with SM3.
    public static let signatureMethod = "1.2.156.10197.1.501"

    /// `Signature@ID` in Signatures.xml (the next value of the document's signature counter).
    public let signatureID: String
    /// The absolute package path of the new Signature.xml (`/Doc_0/Signs/Sign_k/Signature.xml`), the SES_Signature's
    /// propertyInfo.
    public let signatureXMLPath: String
    /// The exact bytes of the new Signature.xml.
    public let signatureXML: [UInt8]
    /// SM3(signatureXML): what the SES_Signature's dataHash must be.
    public let dataHash: [UInt8]
    /// The signing time in whole seconds; `SignatureDateTime` is its `YYYYMMDDHHMMSSZ`, and the SES_Signature's
    /// timeInfo must be the same instant.
    public let signingTime: Date
    /// The StampAnnots, in page order.
    public let appearances: [OFDStampAppearance]
    /// The placement asked for.
    public let placement: StampPlacement

    /// The package stamped.
    let original: OFDPackage
    /// Original members whose bytes change (OFD.xml, an existing Signatures.xml).
    let changed: [String: [UInt8]]
    /// New members before the signed value, in order (Signatures.xml when new, Seal.esl, Signature.xml).
    let added: [(path: String, bytes: [UInt8])]
    /// The SM3 of every original member the References cover (edited ones as edited), as written into them.
    let digests: [String: [UInt8]]
    /// Member paths (no leading `/`).
    let signaturesPath: String
    let signedValuePath: String
    let sealPath: String
    /// The seal's DER as written to Seal.esl.
    let sealDER: [UInt8]
    let limits: OFDPackageLimits

    /// For the use log: where the seal went, e.g. `page 1: 84 229 42 42 mm` or `riding right, pages 1–3`.
    public var placementDescription: String {
        switch placement {
        case .riding(let edge):
            return "riding \(edge.rawValue), pages 1–\(appearances.count)"
        case .keyword(let text, let occurrence):
            let location = appearances.first.map { "page \($0.page): \($0.boundary) mm" } ?? ""
            return "keyword '\(text)' (occurrence \(occurrence)), \(location)"
        case .position:
            return appearances.first.map { "page \($0.page): \($0.boundary) mm" } ?? ""
        }
    }

    /// Prepares a stamp of `seal` on the first document of `document`, drawn at the seal picture's true size where
    /// `placement` says, signed at `signingTime` (fractions of a second dropped).
    /// - Throws: ``OFDStampError`` naming the page, keyword, signature or file; ``OFDStructureError`` or
    ///   ``OFDXMLError`` for page content that cannot be read.
    public static func prepare(
        _ document: OFDFile, seal: ElectronicSeal, placement: StampPlacement, signingTime: Date, provider: OFDProvider = .sealStation,
        limits: OFDPackageLimits = .init()
    ) throws -> OFDStamp {
        guard let body = document.bodies.first else { throw OFDStructureError.missing(OFDEntry.path, "DocBody") }
        let package = document.package
        let picture = seal.picture
        guard (1...SealPicture.maximumSizeMM).contains(picture.widthMM), (1...SealPicture.maximumSizeMM).contains(picture.heightMM) else {
            throw OFDStampError.invalidSealSize(width: picture.widthMM, height: picture.heightMM)
        }
        let time = Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down))
        let dateTime = try Self.dateTime(time)

        // Where the new files go, and the counter.
        let documentDirectory = Self.directory(of: body.document.path)
        let signsDirectory = Self.join(documentDirectory, "Signs")
        var counter: UInt64 = 0
        let signaturesPath: String
        if let list = body.signatures {
            signaturesPath = list.path
            counter = try Self.counter(of: list)
            for entry in list.signatures {
                let description: OFDSignatureDescription
                do {
                    description = try OFDSignatureDescription(package, path: entry.baseLoc.path, referredBy: list.path, limits: limits)
                } catch {
                    throw OFDStampError.unreadableSignature(signatureID: entry.id, file: entry.baseLoc.path, "\(error)")
                }
                if description.references.contains(where: { $0.path == list.path }) {
                    throw OFDStampError.signaturesFileProtected(signatureID: entry.id, file: "/" + list.path)
                }
                // StampAnnot IDs come from the same counter: a stale or missing MaxSignId must not make a new ID
                // repeat one of them.
                counter = max(counter, try Self.highestNumber(in: description.stampAnnots.map(\.id)))
            }
        } else {
            signaturesPath = Self.join(signsDirectory, "Signatures.xml")
        }
        let signDirectory = Self.join(signsDirectory, "Sign_\(Self.nextSignIndex(package.paths, signsDirectory: signsDirectory))")
        let signaturePath = signDirectory + "/Signature.xml"
        let sealPath = signDirectory + "/Seal.esl"
        let signedValuePath = signDirectory + "/SignedValue.dat"
        // A new member may not differ only in letter case from an existing one (the package reader refuses that).
        let existing = Dictionary(package.paths.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for path in [signaturesPath, sealPath, signaturePath, signedValuePath] {
            if let other = existing[path.lowercased()], other != path || path != signaturesPath {
                throw OFDStampError.cannotEdit(file: other, "the package already has a member named like the new \(path)")
            }
        }
        guard package.paths.count + 4 <= limits.members else {
            throw OFDPackageError.tooManyMembers(count: package.paths.count + 4, limit: limits.members)
        }
        let originalBytes = package.paths.reduce(0) { $0 + (package.file($1)?.count ?? 0) }
        guard originalBytes <= limits.totalBytes - 2 * seal.derEncoded.count - (1 << 20) else {
            throw OFDPackageError.totalTooLarge(limit: limits.totalBytes)
        }

        // Appearances, each with the next ID.
        let layout = try OFDStampLayout(document: document, body: body, limits: limits)
        let boxes = try layout.boxes(for: placement, width: Double(picture.widthMM), height: Double(picture.heightMM))
        guard counter <= UInt64(UInt32.max) - UInt64(boxes.count) - 1 else {
            throw OFDStampError.signatureCounter(String(counter), "the next IDs would exceed \(UInt32.max)")
        }
        let signatureID = String(counter + 1)
        let appearances = boxes.enumerated().map { index, box in
            OFDStampAppearance(
                id: String(counter + 2 + UInt64(index)), page: box.pageIndex + 1, pageID: body.document.pages[box.pageIndex].id,
                boundary: box.boundary, clip: box.clip)
        }
        let maxSignID = String(counter + 1 + UInt64(boxes.count))

        // OFD.xml and Signatures.xml.
        var changed: [String: [UInt8]] = [:]
        var added: [(path: String, bytes: [UInt8])] = []
        if let list = body.signatures {
            guard let bytes = package.file(list.path) else { throw OFDStructureError.missingFile(list.path, referredBy: OFDEntry.path) }
            changed[list.path] = try OFDStampXML.addingSignature(
                to: bytes, file: list.path, id: signatureID, baseLoc: "/" + signaturePath, maxSignID: maxSignID, original: list, limits: limits)
        } else {
            guard let entry = package.file(OFDEntry.path) else { throw OFDStructureError.missingFile(OFDEntry.path, referredBy: "the OFD package") }
            changed[OFDEntry.path] = try OFDStampXML.addingSignatures(to: entry, location: "/" + signaturesPath, original: document.entry, limits: limits)
            let list = OFDStampXML.newSignatures(id: signatureID, baseLoc: "/" + signaturePath, maxSignID: maxSignID)
            // A Signatures.xml no DocBody names is replaced; it protects nothing.
            if package.file(signaturesPath) != nil { changed[signaturesPath] = list } else { added.append((signaturesPath, list)) }
        }
        added.append((sealPath, seal.derEncoded))

        // References: every file except Signatures.xml (and the new Signature.xml and SignedValue.dat).
        var references: [OFDStampXML.Reference] = []
        var digests: [String: [UInt8]] = [:]
        for path in package.paths where path != signaturesPath {
            guard let bytes = changed[path] ?? package.file(path) else { continue }
            let digest = try SM3.hash(bytes)
            digests[path] = digest
            references.append(OFDStampXML.Reference(fileRef: "/" + path, checkValue: Data(digest).base64EncodedString()))
        }
        references.append(OFDStampXML.Reference(fileRef: "/" + sealPath, checkValue: Data(try SM3.hash(seal.derEncoded)).base64EncodedString()))

        let signatureXML = OFDStampXML.signature(
            provider: provider, dateTime: dateTime, references: references, appearances: appearances, sealLoc: "/" + sealPath,
            signedValueLoc: "/" + signedValuePath)
        added.append((signaturePath, signatureXML))
        return OFDStamp(
            signatureID: signatureID, signatureXMLPath: "/" + signaturePath, signatureXML: signatureXML, dataHash: try SM3.hash(signatureXML),
            signingTime: time, appearances: appearances, placement: placement, original: package, changed: changed, added: added,
            digests: digests, signaturesPath: signaturesPath, signedValuePath: signedValuePath, sealPath: sealPath, sealDER: seal.derEncoded, limits: limits)
    }

    /// `YYYYMMDDHHMMSSZ` (UTC) of `time`, the form of TBS_Sign.timeInfo.
    static func dateTime(_ time: Date) throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        guard let year = c.year, (1950...9999).contains(year), let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute,
            let second = c.second
        else { throw OFDStampError.invalidSigningTime("\(time)") }
        return String(format: "%04d%02d%02d%02d%02d%02dZ", year, month, day, hour, minute, second)
    }

    /// The highest number in the list's MaxSignIds and Signature IDs, non-digits stripped (ofdrw's rule: `s006` is 6).
    static func counter(of list: OFDSignatures) throws -> UInt64 {
        try highestNumber(in: list.maxSignIDs + list.signatures.map(\.id))
    }

    /// The highest number in `values`, non-digits stripped (0 when none has a digit).
    static func highestNumber(in values: [String]) throws -> UInt64 {
        var highest: UInt64 = 0
        for value in values {
            let digits = String(value.unicodeScalars.filter { $0.isASCII && ("0"..."9").contains($0) }.map(Character.init))
            guard !digits.isEmpty else { continue }
            guard digits.count <= 18, let number = UInt64(digits) else {
                throw OFDStampError.signatureCounter(value, "it is not a number this station can continue (at most 18 digits)")
            }
            highest = max(highest, number)
        }
        return highest
    }

    /// The next `Sign_k` index: one more than the highest used under `signsDirectory` (0 when there is none).
    static func nextSignIndex(_ paths: [String], signsDirectory: String) -> Int {
        let prefix = signsDirectory + "/Sign_"
        var next = 0
        for path in paths where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            guard let slash = rest.firstIndex(of: "/") else { continue }
            let digits = rest[..<slash]
            if !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let index = Int(digits) {
                next = max(next, index + 1)
            }
        }
        return next
    }

    /// The directory part of a member path (`Doc_0` for `Doc_0/Document.xml`, empty at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func join(_ directory: String, _ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }
}
