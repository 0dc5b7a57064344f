public import Foundation
public import SealCrypto
import SealPKI
public import SealRegistry
public import SealSES
public import SealToken

/// Where a use's holder key is: the encrypted file in the seal's directory (with its passphrase), or a token.
public enum HolderKeySource {
    /// `issued/<esID>/holder-key.p8`, unlocked with the holder passphrase.
    case passphrase(SecretBytes)
    /// The key under CKA_ID = the seal's esID on the token `store` is logged in to.
    case token(TokenKeyStore)
}

extension Station {
    /// Requests `count` uses of an issued seal (经办人).
    public func requestUse(by officer: OfficerRecord, sealID: Int64, reason: String, count: Int, now: Date) throws -> UseRequestRecord {
        try require(officer, .operatorRole, to: "request seal uses")
        guard count > 0 else { throw RegistryError.invalidInput(field: "count", reason: "must be at least 1") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw RegistryError.invalidInput(field: "reason", reason: "empty") }
        return try database.requestUse(sealID: sealID, reason: reason, count: count, by: officer, now: now)
    }

    /// Approves a use request (审批人, not the requester).
    public func approveUse(by officer: OfficerRecord, requestID: Int64, now: Date) throws -> UseRequestRecord {
        try require(officer, .approver, to: "approve seal uses")
        return try database.approveUse(requestID, by: officer, now: now)
    }

    /// Signs `document` with seal `sealID`, consuming one approved use, and logs the use (第十条: date, reason,
    /// approver, count, the document's SM3). Refused without an approved use request that has uses left. The holder
    /// key file is checked against the holder certificate and the signature verified with it before a use is
    /// consumed: a damaged or foreign key consumes and logs nothing (`SealPKIError.keyFileDoesNotBelong`).
    ///
    /// With `signatureFile`, the signature is written there (0644, never over an existing file) as the last step of the
    /// transaction that consumes the use: the file exists if and only if the use is logged.
    public func sign(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, holderPassphrase: SecretBytes,
        signatureFile: String? = nil, now: Date
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try sign(by: officer, sealID: sealID, .document(document, name: documentName), holderKey: .passphrase(holderPassphrase),
                 signatureFile: signatureFile, now: now)
    }

    /// As ``sign(by:sealID:document:documentName:holderPassphrase:signatureFile:now:)`` for a seal whose holder key
    /// lives on a token: the key under CKA_ID = the seal's esID on the token `store` is logged in to.
    public func sign(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, token store: TokenKeyStore,
        signatureFile: String? = nil, now: Date
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try sign(by: officer, sealID: sealID, .document(document, name: documentName), holderKey: .token(store),
                 signatureFile: signatureFile, now: now)
    }

    /// The use gate every document format shares: signs `value` (see ``ToBeSigned``) with seal `sealID` and the
    /// holder key from `holderKey`, then authorises and logs one approved use in one registry transaction
    /// (``StationDatabase/recordUse(sealID:by:documentName:documentSM3:signatureSM3:stamp:now:commit:)``), whose last step
    /// moves `signatureFile` (the signature's DER) into place. The seal, its state and an approved use with uses left
    /// are checked before anything is signed; a key that does not belong to the seal consumes nothing.
    public func sign(
        by officer: OfficerRecord, sealID: Int64, _ value: ToBeSigned, holderKey: HolderKeySource, signatureFile: String? = nil, now: Date
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try require(officer, .operatorRole, to: "use seals")
        // The signature file's place is checked before anything is signed or consumed.
        let staged = try signatureFile.map { try StagedFiles(destinations: [$0]) }
        let (signature, _) = try gatedSignature(by: officer, sealID: sealID, value, holderKey: holderKey, now: now)
        if let staged, let signatureFile { try staged.write(signature.derEncoded, to: signatureFile, mode: ProtectedFile.publicMode) }
        let log = try logUse(by: officer, sealID: sealID, value, signature: signature, stamp: nil, staged: staged, now: now)
        return (signature, log)
    }

    /// Stamps seal `sealID` into `document` (签章 on an OFD or PDF), consuming one approved use, through the same gate
    /// as a detached signature: the seal, its state and an approved use are checked first, the holder key is checked
    /// against the holder certificate, the signature made over ``DocumentStamping/toBeSigned`` is verified, the format
    /// puts it into the document and checks the result, and then one registry transaction consumes the use, logs it —
    /// the document's SM3 before and after, where the seal appears, the signature's id — and, as its last step, moves
    /// the stamped document to `output` (0644, never over an existing file). A refused stamp writes nothing and logs
    /// nothing.
    public func stamp(
        by officer: OfficerRecord, sealID: Int64, _ document: some DocumentStamping, holderKey: HolderKeySource, output: String, now: Date
    ) throws -> (signature: ElectronicSignature, stamped: StampedDocument, log: UseLogRecord) {
        try require(officer, .operatorRole, to: "use seals")
        let staged = try StagedFiles(destinations: [output])
        let value = document.toBeSigned
        let (signature, signer) = try gatedSignature(by: officer, sealID: sealID, value, holderKey: holderKey, now: now)
        let stamped = try document.stamped(with: signature, signer: signer)
        let stamp = UseStamp(stampedSM3: Hex.encode(try SM3.hash(stamped.bytes)), placement: stamped.placement, signatureID: stamped.signatureID)
        try staged.write(stamped.bytes, to: output, mode: ProtectedFile.publicMode)
        let log = try logUse(by: officer, sealID: sealID, value, signature: signature, stamp: stamp, staged: staged, now: now)
        return (signature, stamped, log)
    }

    /// Consumes and logs one use of `signature` (with `stamp` when it was stamped into a document) in one registry
    /// transaction whose last step commits `staged`; `staged` is rolled back when anything fails.
    private func logUse(
        by officer: OfficerRecord, sealID: Int64, _ value: ToBeSigned, signature: ElectronicSignature, stamp: UseStamp?,
        staged: StagedFiles?, now: Date
    ) throws -> UseLogRecord {
        do {
            return try database.recordUse(
                sealID: sealID, by: officer, documentName: value.documentName, documentSM3: value.documentSM3,
                signatureSM3: Hex.encode(try SM3.hash(signature.derEncoded)), stamp: stamp, now: now
            ) { try staged?.commit() }
        } catch {
            staged?.rollback()
            throw error
        }
    }

    /// The signature of one use, made only when seal `sealID` is issued and has an approved use with uses left, with
    /// a holder key that belongs to it; verified by ``SignatureMaker`` before it is returned, with the key that made
    /// it (for a format that signs its container too). Consumes nothing.
    private func gatedSignature(
        by officer: OfficerRecord, sealID: Int64, _ value: ToBeSigned, holderKey: HolderKeySource, now: Date
    ) throws -> (ElectronicSignature, DocumentSigner) {
        let seal = try database.seal(sealID)
        guard seal.state == .issued else {
            throw RegistryError.invalidTransition(object: "seal \(sealID)", from: seal.state.rawValue, action: "used")
        }
        guard try database.openUse(sealID: sealID) != nil else { throw RegistryError.noApprovedUse(sealID: sealID) }
        let holderCertificate = try Certificate(derEncoded: Array(seal.holderCertificate))
        let signer: any MessageSigner
        switch holderKey {
        case .passphrase(let passphrase):
            let keyPath = try custodyDirectory(of: seal).appendingPathComponent("holder-key.p8").path
            signer = try KeyFile.unlock(keyPath, passphrase: passphrase, certificate: holderCertificate, role: "holder")
        case .token(let store):
            guard seal.custody.isToken else {
                throw RegistryError.invalidInput(field: "custody", reason: "seal \(sealID) is kept in \(seal.custody), not on a token")
            }
            try requirePinnedProfile(store, for: officer.name, to: "sign", now: now)
            signer = TokenSigner(store: store, key: try store.key(id: Array(seal.esID.utf8)))
        }
        let signature = try SignatureMaker.sign(
            dataHash: value.dataHash, documentName: value.propertyInfo, seal: ElectronicSeal(derEncoded: Array(seal.sealDER)),
            holderKey: signer, holderCertificate: holderCertificate, signingTime: now)
        return (signature, DocumentSigner(key: signer, certificate: holderCertificate, chain: [ca.certificate]))
    }

    /// The station's directory of a seal's files, `issued/<esID>` relative to the station (so a restored station
    /// finds them). Every custody keeps one: with the encrypted key for file custody, public files only for tokens.
    public func custodyDirectory(of seal: SealRecord) throws -> URL {
        directory.appendingPathComponent("issued").appendingPathComponent(seal.esID)
    }

    /// One use request.
    public func useRequest(_ id: Int64) throws -> UseRequestRecord {
        try database.useRequest(id)
    }

    /// The use log of a seal (all seals when nil).
    public func useLog(sealID: Int64?) throws -> [UseLogRecord] {
        try database.useLog(sealID: sealID)
    }
}
