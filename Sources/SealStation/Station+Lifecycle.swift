public import Foundation
public import SealCrypto
import SealPKI
public import SealRegistry
public import SealRender
import SealSES
public import SealToken

extension Station {
    // MARK: - 申请 (apply)

    /// Records an application after checking its content: the 统一社会信用代码 (GB 32100), the template exists, for
    /// personal seals (square templates) the holder's name and 公民身份号码 (GB 11643), the 13-digit code, a reason.
    /// The seal image is laid out here too, so an application that cannot be drawn is refused now, not at issue.
    public func apply(by officer: OfficerRecord, _ application: SealApplication, now: Date) throws -> ApplicationRecord {
        try require(officer, .operatorRole, to: "apply for seals")
        let creditCode = try UnifiedSocialCreditCode(application.creditCode)
        let template = try pinnedTemplate(application.template, for: officer, to: "apply", now: now)
        guard !application.unitName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalidInput(field: "unit name", reason: "empty")
        }
        guard !application.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalidInput(field: "reason", reason: "empty")
        }
        var holderIDNumber: ResidentIdentityNumber?
        if template.shape == .square {
            guard let holder = application.holderName, !holder.isEmpty else {
                throw RegistryError.invalidInput(field: "holder name", reason: "a personal or post seal needs the holder's name")
            }
            guard let number = application.holderIDNumber else {
                throw RegistryError.invalidInput(field: "公民身份号码", reason: "a personal or post seal needs the holder's number")
            }
            holderIDNumber = try ResidentIdentityNumber(number)
        }
        if let code = application.physicalCode, code.range(of: "^[0-9]{13}$", options: .regularExpression) == nil {
            throw RegistryError.invalidInput(field: "印章编码", reason: "\"\(code)\" is not 13 digits")
        }
        _ = try SealRenderer().layout(template, content: content(unitName: application.unitName, useName: application.useName,
                                                                 holderName: application.holderName, code: application.physicalCode))
        let record = ApplicationRecord(
            unitName: application.unitName, creditCode: creditCode, template: template.id, useName: application.useName,
            holderName: application.holderName, holderIDNumber: holderIDNumber, physicalCode: application.physicalCode,
            reason: application.reason, state: .applied, applicantID: officer.id!, replacesSealID: application.replacesSealID,
            createdAt: now)
        return try database.recordApplication(record, attachments: application.attachments, by: officer.name, now: now)
    }

    // MARK: - 审批 (approve / reject)

    /// Approves an application; the approver may not be its applicant (第八条).
    public func approve(by officer: OfficerRecord, applicationID: Int64, note: String?, now: Date) throws -> ApplicationRecord {
        try decide(by: officer, applicationID: applicationID, to: .approved, note: note, now: now)
    }

    /// Rejects an application; the approver may not be its applicant.
    public func reject(by officer: OfficerRecord, applicationID: Int64, note: String?, now: Date) throws -> ApplicationRecord {
        try decide(by: officer, applicationID: applicationID, to: .rejected, note: note, now: now)
    }

    private func decide(by officer: OfficerRecord, applicationID: Int64, to state: ApplicationState, note: String?, now: Date) throws -> ApplicationRecord {
        try require(officer, .approver, to: "decide applications")
        return try database.decideApplication(applicationID, to: state, by: officer, note: note, now: now)
    }

    // MARK: - 制作 (issue)

    /// Issues an approved application, all or nothing: renders the image, generates the holder key (SM2 in software,
    /// or on a token as its vendor profile allows), issues the holder certificate from the station CA, makes the
    /// SES_Seal signed by the maker key, writes the holder's files to `issued/<esID>/` (a software key encrypted under
    /// `holderPassphrase`) and to the custody target, and records the seal. A change supersedes the seal it replaces
    /// in the same transaction. If any step fails, no seal row, no file directory and no token object remain.
    public func issue(
        by officer: OfficerRecord, applicationID: Int64, stationPassphrase: SecretBytes, holderPassphrase: SecretBytes?,
        custody: HolderCustody = .stationFiles, makerToken: TokenKeyStore? = nil, validityDays: Int = 730,
        keyEncryption: KeyEncryption = .default, now: Date
    ) throws -> SealRecord {
        try require(officer, .operatorRole, to: "issue seals")
        return try issue(
            by: officer, applicationID: applicationID,
            issuingKeys: unlockIssuingKeys(stationPassphrase: stationPassphrase, makerToken: makerToken, officer: officer.name, now: now),
            holderPassphrase: holderPassphrase, custody: custody, validityDays: validityDays, keyEncryption: keyEncryption,
            now: now)
    }

    /// Unlocks the station CA and seal-maker keys once, for issuing several seals in one officer session. When the
    /// maker key lives on a token (``makerCustody``), `makerToken` must be a session logged in to that token, through
    /// the pinned vendor profiles (a refusal is audited under `officer`).
    public func unlockIssuingKeys(
        stationPassphrase: SecretBytes, makerToken: TokenKeyStore? = nil, officer: String = "-", now: Date = Date()
    ) throws -> IssuingKeys {
        let caKey = try ca.unlockKey(passphrase: stationPassphrase)
        if let custody = try makerCustody {
            guard let makerToken else {
                throw RegistryError.invalidInput(
                    field: "maker token", reason: "the seal-maker key is on \(custody); give its module and PIN (--maker-pin-file)")
            }
            try requirePinnedProfile(makerToken, for: officer, to: "unlock the seal-maker key", now: now)
            let key = try makerToken.key(id: Self.makerTokenID)
            guard key.publicKey == makerCertificate.publicKey else {
                throw RegistryError.invalidInput(
                    field: "maker token", reason: "token '\(makerToken.session.token.label)' holds a different seal-maker key")
            }
            return IssuingKeys(caKey: caKey, makerKey: TokenSigner(store: makerToken, key: key))
        }
        return IssuingKeys(
            caKey: caKey,
            makerKey: try KeyFile.unlock(
                directory.appendingPathComponent(Self.makerKeyFile).path, passphrase: stationPassphrase,
                certificate: makerCertificate, role: "seal-maker"))
    }

    /// As ``issue(by:applicationID:stationPassphrase:holderPassphrase:custody:validityDays:keyEncryption:now:)`` with
    /// station keys already unlocked by ``unlockIssuingKeys(stationPassphrase:)``.
    public func issue(
        by officer: OfficerRecord, applicationID: Int64, issuingKeys: IssuingKeys, holderPassphrase: SecretBytes?,
        custody: HolderCustody = .stationFiles, validityDays: Int = 730, keyEncryption: KeyEncryption = .default,
        now: Date
    ) throws -> SealRecord {
        try require(officer, .operatorRole, to: "issue seals")
        let application = try database.application(applicationID)
        guard application.state == .approved else {
            throw RegistryError.invalidTransition(object: "application \(applicationID)", from: application.state.rawValue, action: "issued")
        }
        let template = try pinnedTemplate(application.template, for: officer, to: "issue", now: now)
        let (caKey, makerKey) = (issuingKeys.caKey, issuingKeys.makerKey)

        // The image.
        let renderer = try SealRenderer()
        let layout = try renderer.layout(template, content: content(
            unitName: application.unitName, useName: application.useName, holderName: application.holderName, code: application.physicalCode))
        let png = try renderer.render(layout, format: .png), svg = try renderer.render(layout, format: .svg)

        // The holder key and certificate; the seal.
        let personal = template.shape == .square
        let sealName = personal ? application.holderName! : application.unitName + (application.useName ?? "")
        let esID = String(application.creditCode.value.dropFirst(2).prefix(6)) + String(format: "%08lld", applicationID)
        let holderKey: PrivateKey?
        let holderPublicKey: PublicKey
        let tokenID = Array(esID.utf8)
        switch custody {
        case .stationFiles, .directory:
            guard holderPassphrase != nil else {
                throw RegistryError.invalidInput(field: "holder passphrase", reason: "a key kept in files needs one")
            }
            let key = try PrivateKey.generate(.sm2)
            (holderKey, holderPublicKey) = (key, key.publicKey)
        case .token(let store):
            try requirePinnedProfile(store, for: officer.name, to: "issue", now: now)
            guard let algorithm = store.holderKeyAlgorithm else {
                throw PKCS11Error.noVendorProfile(module: store.session.module.path, algorithm: "any holder key")
            }
            holderKey = nil
            holderPublicKey = try store.generateKey(algorithm, label: sealName, id: tokenID).publicKey
        }
        do {
            let days = min(validityDays, Int(makerCertificate.notAfter.timeIntervalSince(now) / 86_400))
            let holderCertificate = try ca.issue(
                role: .holder,
                subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: application.unitName),
                                            .init(type: "OU", value: application.creditCode.value), .init(type: "CN", value: sealName)]),
                publicKey: holderPublicKey, validityDays: days, caKey: caKey, now: now)
            let seal = try SealMaker.make(
                SealMakingRequest(
                    esID: esID, type: personal ? .personal : .unit, name: sealName, holders: [holderCertificate], createDate: now,
                    validStart: now, validEnd: holderCertificate.notAfter,
                    picture: SealPicture(type: "PNG", data: png, widthMM: Int(template.widthMM.rounded()), heightMM: Int(template.heightMM.rounded()))),
                makerKey: makerKey, makerCertificate: makerCertificate)
            if case .token(let store) = custody {
                try store.writeCertificate(holderCertificate, label: sealName, id: tokenID)
                try store.writeSeal(seal.derEncoded, id: tokenID)
            }
            return try withExclusiveLock {
                try record(issued: (seal, holderCertificate, holderKey, png, svg), application: application, template: template,
                           sealName: sealName, esID: esID, caKey: caKey, by: officer, holderPassphrase: holderPassphrase,
                           custody: custody, keyEncryption: keyEncryption, now: now)
            }
        } catch {
            // All or nothing: what this issue put on the token goes again.
            if case .token(let store) = custody { try? store.destroyObjects(id: tokenID) }
            throw error
        }
    }

    /// Writes the holder's files to a staging directory and records the seal; the files move into place as the
    /// transaction's last step. Runs under the station lock.
    private func record(
        issued made: (seal: ElectronicSeal, holderCertificate: Certificate, holderKey: PrivateKey?, png: [UInt8], svg: [UInt8]),
        application: ApplicationRecord, template: SealTemplate, sealName: String, esID: String, caKey: PrivateKey,
        by officer: OfficerRecord, holderPassphrase: SecretBytes?, custody: HolderCustody, keyEncryption: KeyEncryption,
        now: Date
    ) throws -> SealRecord {
        let (seal, holderCertificate, holderKey, png, svg) = made
        let issued = directory.appendingPathComponent("issued")
        try ProtectedFile.createDirectory(issued.path)
        let final = issued.appendingPathComponent(esID)
        let staging = issued.appendingPathComponent(".staging-\(esID)-\(UUID().uuidString)")
        // The holder's files, all 0600 in a 0700 directory (the station's copy, and the holder's own with file:DIR).
        try ProtectedFile.createDirectory(staging.path)
        defer { try? FileManager.default.removeItem(at: staging) }
        if let holderKey, let holderPassphrase {
            try ProtectedFile.write(holderKey.encryptedPKCS8(passphrase: holderPassphrase, encryption: keyEncryption),
                                    to: staging.appendingPathComponent("holder-key.p8").path, mode: ProtectedFile.secretMode)
        }
        try ProtectedFile.write(Array(([holderCertificate, makerCertificate, ca.certificate].map(\.pemEncoded).joined(separator: "\n") + "\n").utf8),
                                to: staging.appendingPathComponent("chain.pem").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(holderCertificate.derEncoded, to: staging.appendingPathComponent("holder-cert.der").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(seal.derEncoded, to: staging.appendingPathComponent("seal.sel").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(png, to: staging.appendingPathComponent("seal.png").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(svg, to: staging.appendingPathComponent("seal.svg").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(Array(Self.holderReadme(sealName: sealName, esID: esID, custody: custody).utf8),
                                to: staging.appendingPathComponent("README.txt").path, mode: ProtectedFile.secretMode)
        // A copy for the holder's own directory (often a removable disk), staged beside its final place and moved in
        // with the station's; a copy left staged by a killed run is recognised and removed by the next one there.
        var external: StagedFiles?
        if case .directory(let target) = custody {
            let finalCopy = target.appendingPathComponent(esID)
            guard !FileManager.default.fileExists(atPath: finalCopy.path) else { throw SealPKIError.fileExists(path: finalCopy.path) }
            let names = try FileManager.default.contentsOfDirectory(atPath: staging.path).sorted()
            let copy = try StagedFiles(
                destinations: names.map { finalCopy.appendingPathComponent($0).path },
                newDirectories: StagedFiles.missingDirectories(for: finalCopy.path), directoryMode: 0o700)
            for name in names {
                try copy.write(ProtectedFile.read(staging.appendingPathComponent(name).path, limit: Int.max),
                               to: finalCopy.appendingPathComponent(name).path,
                               mode: ProtectedFile.secretMode)
            }
            external = copy
        }

        do {
            return try recordIssue(
                seal: seal, holderCertificate: holderCertificate, png: png, application: application, template: template,
                sealName: sealName, esID: esID, caKey: caKey, by: officer, custody: custody, staging: staging, final: final,
                external: external, now: now)
        } catch {
            // If the registry commit failed after the files were moved, the holder's copy goes again (the station's own
            // copy, a directory without a registry row, is removed by `recover`).
            external?.rollback()
            throw error
        }
    }

    /// The registry rows and audit records of an issue; the staged files move into place as the last step.
    private func recordIssue(
        seal: ElectronicSeal, holderCertificate: Certificate, png: [UInt8], application: ApplicationRecord, template: SealTemplate,
        sealName: String, esID: String, caKey: PrivateKey, by officer: OfficerRecord, custody: HolderCustody, staging: URL,
        final: URL, external: StagedFiles?, now: Date
    ) throws -> SealRecord {
        let record = SealRecord(
            applicationID: application.id!, esID: esID, name: sealName, unitName: application.unitName, creditCode: application.creditCode,
            kind: SealKind(typeCode: seal.typeCode), template: template.id, state: .issued, sealDER: Data(seal.derEncoded),
            imagePNG: Data(png), holderCertificate: Data(holderCertificate.derEncoded), custody: custody.custody(esID: esID),
            validFrom: seal.validStart, validTo: seal.validEnd, issuedBy: officer.id!, issuedAt: now, replacesSealID: application.replacesSealID)
        return try database.recordIssue(
            record, sealSM3: Hex.encode(try SM3.hash(seal.derEncoded)), holderCertificateSM3: Hex.encode(holderCertificate.fingerprint),
            by: officer.name, caKey: caKey, now: now
        ) {
            // Last: the files appear under their final name only if everything above succeeded.
            do {
                try external?.commit()
                try FileManager.default.moveItem(at: staging, to: final)
            } catch {
                external?.rollback()
                throw RegistryError.database(operation: "issue", reason: "cannot move the holder's files into \(final.path): \(ParseProblem.describe(error))")
            }
        }
    }

    // MARK: - Preview

    /// The image an application with these fields would get, laid out exactly as ``apply(by:_:now:)`` and
    /// ``issue(by:applicationID:issuingKeys:holderPassphrase:custody:validityDays:keyEncryption:now:)`` lay it out;
    /// SVG is sized in millimetres (the seal's true size). Nothing is recorded.
    /// - Throws: `TemplateError` for an unknown template, the renderer's error when the text cannot be laid out.
    public func preview(
        template id: String, unitName: String, useName: String?, holderName: String?, code: String?, format: SealImageFormat
    ) throws -> [UInt8] {
        let template = try templates.template(id)
        let renderer = try SealRenderer()
        let layout = try renderer.layout(template, content: content(unitName: unitName, useName: useName, holderName: holderName, code: code))
        return try renderer.render(layout, format: format)
    }

    /// The image of `application` (an issued seal's application draws the seal again), as ``preview(template:unitName:useName:holderName:code:format:)``.
    public func preview(of application: ApplicationRecord, format: SealImageFormat) throws -> [UInt8] {
        try preview(
            template: application.template, unitName: application.unitName, useName: application.useName,
            holderName: application.holderName, code: application.physicalCode, format: format)
    }

    // MARK: - Helpers

    func content(unitName: String, useName: String?, holderName: String?, code: String?) -> SealContent {
        SealContent.seal(unitName: unitName, useName: useName, holderName: holderName, code: code)
    }

    static func holderReadme(sealName: String, esID: String, custody: HolderCustody) -> String {
        let keyLine: String
        if case .token(let store) = custody {
            keyLine = """
                (no key file)    the holder's key pair lives on token '\(store.session.token.label)' (serial \(store.session.token.serialNumber)),
                                 CKA_ID \(Hex.encode(Array(esID.utf8))) = "\(esID)"; it cannot be exported. The token also holds
                                 the holder certificate (same CKA_ID) and the seal (data object '\(TokenKeyStore.sealLabel(id: Array(esID.utf8)))').
                """
        } else {
            keyLine = """
                holder-key.p8    the holder's SM2 private key, encrypted PKCS#8 (PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC);
                                 open it with: openssl pkcs8 -inform DER -in holder-key.p8
                """
        }
        return """
        SealStation — electronic seal \(sealName) (esID \(esID))

        \(keyLine)
        holder-cert.der  the holder's certificate, issued by the station CA
        chain.pem        holder, seal-maker and station CA certificates
        seal.sel         the GB/T 38540 seal (SES_Seal, DER), signed by the seal maker
        seal.png/.svg    the seal image

        Keep the key and its passphrase apart. Every use of the seal needs an approved use request at the station.

        """
    }
}
