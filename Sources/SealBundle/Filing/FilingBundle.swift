public import Foundation
public import SealCrypto
import SealSES

/// A filing bundle's contents (备案包): what a station exports and an online system verifies and imports.
///
/// Layout of the bag's payload (`data/`):
/// - `certificates/station-ca.der`, `certificates/seal-maker.der` — the station CA and the seal maker that signs seals
///   and the bundle;
/// - `seals/<esID>/filing.json` (``SealFiling``), `seal.sel` (SES_Seal DER, whose picture is the seal's PNG),
///   `seal.svg`, `holder-cert.der` — every seal issued, changed or revoked in the period, in its state at export.
///   Bundles written before December 2026 also carry the picture a second time as `seal.png`;
/// - `uses.json` (``UseFiling``), `revocations.json` (``RevocationFiling``);
/// - `audit/records.json` (``AuditRecordFiling``, the period's records) and `audit/head.json` (``AuditHeadFiling``);
/// - `rendering.json` (``RenderingProvenance``);
/// - `crl/station-ca.crl` — the station CA's latest CRL (DER, RFC 5280 v2) at export: every revoked (注销) and
///   superseded (变更) holder certificate and every revoked seal-maker certificate. Bundles exported before CRLs
///   existed lack it.
/// Outside the manifests, `signatures/tagmanifest-sm3.txt.p7s` is a detached GB/T 35275 SignedData by the seal
/// maker over `tagmanifest-sm3.txt`, which covers `bag-info.txt` and both payload manifests and so the whole bag.
public struct FilingBundle: Sendable {
    /// One seal's files. Read from a bundle file, `seal.sel`, `seal.svg` and `seal.png` stay in the file until read
    /// (``BundleBytes``).
    public struct SealEntry: Sendable {
        public var filing: SealFiling
        public var sealDER: BundleBytes
        /// `seal.png`, in bundles written before December 2026 (it must be the SES_Seal's picture); nil in newer
        /// ones, which file the picture once, inside `seal.sel`.
        public var png: BundleBytes?
        public var svg: BundleBytes
        public var holderCertificate: [UInt8]

        public init(filing: SealFiling, sealDER: [UInt8], png: [UInt8]? = nil, svg: [UInt8], holderCertificate: [UInt8]) {
            self.init(filing: filing, sealDER: BundleBytes(sealDER), png: png.map(BundleBytes.init), svg: BundleBytes(svg),
                      holderCertificate: holderCertificate)
        }

        public init(filing: SealFiling, sealDER: BundleBytes, png: BundleBytes?, svg: BundleBytes, holderCertificate: [UInt8]) {
            self.filing = filing
            self.sealDER = sealDER
            self.png = png
            self.svg = svg
            self.holderCertificate = holderCertificate
        }

        /// The seal's PNG: the SES_Seal's picture (which the verifier checks `seal.png` to be, where one is filed).
        /// - Throws: `SESFormatError` when `seal.sel` cannot be read, ``BundleArchiveError`` when the bundle file
        ///   cannot be read again.
        public func picture() throws -> [UInt8] {
            try png?.read() ?? ElectronicSeal(derEncoded: sealDER.read()).picture.data
        }
    }

    public var info: BundleInfo
    public var stationCertificate: [UInt8]
    public var makerCertificate: [UInt8]
    public var seals: [SealEntry]
    public var uses: [UseFiling]
    public var revocations: [RevocationFiling]
    public var auditRecords: [AuditRecordFiling]
    public var auditHead: AuditHeadFiling
    public var rendering: RenderingProvenance
    /// The station CA's CRL (DER), nil in bundles from before CRLs.
    public var crl: [UInt8]?

    public init(info: BundleInfo, stationCertificate: [UInt8], makerCertificate: [UInt8], seals: [SealEntry], uses: [UseFiling], revocations: [RevocationFiling], auditRecords: [AuditRecordFiling], auditHead: AuditHeadFiling, rendering: RenderingProvenance, crl: [UInt8]?) {
        self.info = info
        self.stationCertificate = stationCertificate
        self.makerCertificate = makerCertificate
        self.seals = seals
        self.uses = uses
        self.revocations = revocations
        self.auditRecords = auditRecords
        self.auditHead = auditHead
        self.rendering = rendering
        self.crl = crl
    }

    /// Where the detached signature over `tagmanifest-sm3.txt` is.
    public static let signaturePath = "signatures/tagmanifest-sm3.txt.p7s"
    static let stationCertificatePath = "certificates/station-ca.der", makerCertificatePath = "certificates/seal-maker.der"
    static let usesPath = "uses.json", revocationsPath = "revocations.json", renderingPath = "rendering.json"
    static let auditRecordsPath = "audit/records.json", auditHeadPath = "audit/head.json"
    /// Where the station CA's CRL is, inside `data/`.
    public static let crlPath = "crl/station-ca.crl"
    static let sealFiles = ["filing.json", "seal.sel", "seal.png", "seal.svg", "holder-cert.der"]

    /// The bag, unsigned.
    public func bag() throws -> BagItBag {
        var bag = BagItBag()
        try bag.add(Self.stationCertificatePath, stationCertificate)
        try bag.add(Self.makerCertificatePath, makerCertificate)
        for seal in seals {
            guard Self.isSafeESID(seal.filing.esID) else { throw FilingBundleError.inconsistent("esID \"\(seal.filing.esID)\" is not 1–64 letters, digits, '-' or '_'") }
            let directory = "seals/\(seal.filing.esID)/"
            try bag.add(directory + "filing.json", try Self.encode(seal.filing))
            try bag.add(directory + "seal.sel", try seal.sealDER.read())
            if let png = seal.png { try bag.add(directory + "seal.png", try png.read()) }
            try bag.add(directory + "seal.svg", try seal.svg.read())
            try bag.add(directory + "holder-cert.der", seal.holderCertificate)
        }
        try bag.add(Self.usesPath, try Self.encode(uses))
        try bag.add(Self.revocationsPath, try Self.encode(revocations))
        try bag.add(Self.auditRecordsPath, try Self.encode(auditRecords))
        try bag.add(Self.auditHeadPath, try Self.encode(auditHead))
        try bag.add(Self.renderingPath, try Self.encode(rendering))
        if let crl { try bag.add(Self.crlPath, crl) }
        bag.info = info.fields(payloadOctets: bag.payload.reduce(0) { $0 + $1.bytes.count }, payloadFiles: bag.payload.count)
        return bag
    }

    /// Every file of the signed bag: the tag files, the payload and the detached SignedData by `signer` (the seal
    /// maker, whose certificate chains to the station CA in `chain`).
    public func signedFiles(signer: some MessageSigner, certificate: Certificate, chain: [Certificate], signingTime: Date) throws -> [BagItBag.File] {
        try bag().files { tagManifest in
            let signed = try DetachedSignedData.sign(
                content: tagManifest, signer: signer, certificate: certificate, chain: chain, signingTime: signingTime)
            return [BagItBag.File(path: Self.signaturePath, bytes: signed.derEncoded)]
        }
    }

    /// Reads the contents of a bag's files (already checked by ``BagItValidation``): every data file must be one the
    /// layout has, and every file the layout needs must be there.
    public init(files: [BagItBag.File]) throws {
        try self.init(members: files.map(BundleMember.init))
    }

    /// Reads the contents of a bag's members as ``BundleArchive`` read them, a seal's own files possibly left in
    /// the bundle file (``BundleBytes``); the other files are in memory.
    public init(members files: [BundleMember]) throws {
        var byPath: [String: [UInt8]] = [:]
        var sealFiles: [String: [String: BundleBytes]] = [:]
        let fixed: Set<String> = [
            Self.stationCertificatePath, Self.makerCertificatePath, Self.usesPath, Self.revocationsPath, Self.renderingPath,
            Self.auditRecordsPath, Self.auditHeadPath, Self.crlPath,
        ]
        for file in files {
            if !file.path.hasPrefix("data/") {
                guard file.path.hasPrefix("signatures/") else { continue }
                guard file.path == Self.signaturePath else { throw FilingBundleError.unknownFile(file.path) }
                continue
            }
            let path = String(file.path.dropFirst(5))
            if fixed.contains(path) {
                byPath[path] = try file.bytes.read()
                continue
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "seals", Self.isSafeESID(String(parts[1])), Self.sealFiles.contains(String(parts[2])) else {
                throw FilingBundleError.unknownFile(file.path)
            }
            sealFiles[String(parts[1]), default: [:]][String(parts[2])] = file.bytes
        }
        func required(_ path: String) throws -> [UInt8] {
            guard let bytes = byPath[path] else { throw FilingBundleError.missingFile("data/" + path) }
            return bytes
        }
        guard let bagInfo = files.first(where: { $0.path == "bag-info.txt" }) else { throw FilingBundleError.missingFile("bag-info.txt") }
        let (info, oxum) = try BundleInfo.parse(try bagInfo.bytes.read())
        let payload = files.filter { $0.path.hasPrefix("data/") }
        guard oxum.files == payload.count, oxum.octets == payload.reduce(0, { $0 + $1.bytes.count }) else {
            throw FilingBundleError.badInfo("bag-info.txt Payload-Oxum \(oxum.octets).\(oxum.files) does not match the payload")
        }
        self.info = info
        stationCertificate = try required(Self.stationCertificatePath)
        makerCertificate = try required(Self.makerCertificatePath)
        uses = try Self.decode([UseFiling].self, try required(Self.usesPath), "data/" + Self.usesPath)
        revocations = try Self.decode([RevocationFiling].self, try required(Self.revocationsPath), "data/" + Self.revocationsPath)
        auditRecords = try Self.decode([AuditRecordFiling].self, try required(Self.auditRecordsPath), "data/" + Self.auditRecordsPath)
        auditHead = try Self.decode(AuditHeadFiling.self, try required(Self.auditHeadPath), "data/" + Self.auditHeadPath)
        rendering = try Self.decode(RenderingProvenance.self, try required(Self.renderingPath), "data/" + Self.renderingPath)
        crl = byPath[Self.crlPath]
        seals = try sealFiles.keys.sorted().map { esID in
            let files = sealFiles[esID]!
            func file(_ name: String) throws -> BundleBytes {
                guard let bytes = files[name] else { throw FilingBundleError.missingFile("data/seals/\(esID)/\(name)") }
                return bytes
            }
            let filing = try Self.decode(SealFiling.self, try file("filing.json").read(), "data/seals/\(esID)/filing.json")
            guard filing.esID == esID else {
                throw FilingBundleError.inconsistent("data/seals/\(esID)/filing.json names esID \(filing.esID)")
            }
            // seal.png and its SM3 come together (older bundles) or not at all.
            let png = files["seal.png"]
            if (png == nil) != (filing.pngSM3 == nil) {
                throw png == nil ? FilingBundleError.missingFile("data/seals/\(esID)/seal.png")
                    : FilingBundleError.inconsistent("data/seals/\(esID)/seal.png is filed but filing.json names no pngSM3")
            }
            return SealEntry(filing: filing, sealDER: try file("seal.sel"), png: png, svg: try file("seal.svg"),
                             holderCertificate: try file("holder-cert.der").read())
        }
    }

    /// esIDs become directory names: letters, digits, `-` and `_` only.
    static func isSafeESID(_ esID: String) -> Bool {
        (1...64).contains(esID.count) && esID.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }

    /// Canonical JSON: sorted keys, ISO 8601 dates, no escaped slashes, a final newline.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(value)) + [0x0A]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], _ path: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch {
            throw FilingBundleError.malformed(file: path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): return "no \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
