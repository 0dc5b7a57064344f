import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealTestSupport
import SealViews
import Testing
import SealSES

@Suite("The views of the registry's rows, as JSON")
struct RegistryViewTests {
    static let creditCode = "91110108MA00000070"
    static let officers: [Int64: String] = [1: "张管理", 2: "王经办", 3: "李审批"]

    /// A seal row as `issue` records it, from a real seal and holder certificate.
    func sealRecord(_ fixture: ViewFixture, state: SealState = .issued, revokedAt: Date? = nil, revokeReason: String? = nil)
        throws -> SealRecord
    {
        let seal = try fixture.seal()
        return SealRecord(
            id: 3, applicationID: 7, esID: seal.esID, name: seal.name, unitName: "北京某某科技发展有限公司", creditCode: try UnifiedSocialCreditCode(Self.creditCode),
            kind: .unit, template: "special-40", state: state, sealDER: Data(seal.derEncoded), imagePNG: Data(ViewFixture.tinyPNG),
            holderCertificate: Data(fixture.holderCertificate.derEncoded), custody: .token(label: "seal-holder", serial: "0123456789abcdef"),
            validFrom: seal.validStart, validTo: seal.validEnd, issuedBy: 2, issuedAt: StationFixture.now, replacesSealID: nil,
            revokedAt: revokedAt, revokeReason: revokeReason)
    }

    @Test("an issued seal: its fields, dates in ISO 8601, the SES_Seal's SM3; no replaced seal or revocation keys")
    func issuedSeal() throws {
        let fixture = try ViewFixture()
        let record = try sealRecord(fixture)
        let json = try jsonObject(SealRow(record))
        #expect(Set(json.keys) == ["id", "esID", "name", "unitName", "creditCode", "template", "state", "validFrom", "validTo", "issuedAt",
                                   "custody", "sealSM3"])
        #expect(json["id"] as? Int == 3)
        #expect(json["esID"] as? String == "11010800000001")
        #expect(json["name"] as? String == "北京某某科技发展有限公司合同专用章")
        #expect(json["unitName"] as? String == "北京某某科技发展有限公司")
        #expect(json["creditCode"] as? String == Self.creditCode)
        #expect(json["template"] as? String == "special-40")
        #expect(json["state"] as? String == "issued")
        #expect(json["validFrom"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["validTo"] as? String == "2028-09-20T14:13:20Z")
        #expect(json["issuedAt"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["custody"] as? String == "token:seal-holder serial:0123456789abcdef")
        #expect(json["sealSM3"] as? String == Hex.encode(try SM3.hash(Array(record.sealDER))))
        // Neither the image, the certificate nor the DER itself is in the view.
        let text = try ViewJSON.string(SealRow(record))
        #expect(!text.contains(record.sealDER.base64EncodedString()))
        #expect(SealRow(record).cells == ["3", "11010800000001", "北京某某科技发展有限公司合同专用章", Self.creditCode, "issued", "2028-09-20T14:13:20Z"])
    }

    @Test("a revoked seal that replaced another: the revocation time and reason and the replaced seal's id")
    func revokedSeal() throws {
        let fixture = try ViewFixture()
        var record = try sealRecord(fixture, state: .revoked, revokedAt: ViewFixture.signingTime, revokeReason: "单位注销")
        record.replacesSealID = 2
        let json = try jsonObject(SealRow(record))
        #expect(json["state"] as? String == "revoked")
        #expect(json["revokedAt"] as? String == "2026-09-22T14:13:20Z")
        #expect(json["revokeReason"] as? String == "单位注销")
        #expect(json["replacesSealID"] as? Int == 2)
        #expect(SealRow(record).rows.last! == ("revoked", "单位注销"))
    }

    @Test("an application in a list: officers by name, no decision or attachment keys until there are some")
    func appliedApplication() throws {
        let record = ApplicationRecord(
            id: 7, unitName: "北京某某科技发展有限公司", creditCode: try UnifiedSocialCreditCode(Self.creditCode), template: "special-40", useName: "合同专用章",
            physicalCode: "1101080012345", reason: "新设立单位刻制合同专用章", state: .applied, applicantID: 2, createdAt: StationFixture.now)
        let json = try jsonObject(ApplicationRow(record, officers: Self.officers))
        #expect(Set(json.keys) == ["id", "unitName", "creditCode", "template", "useName", "physicalCode", "state", "reason", "createdAt", "applicant"])
        #expect(json["id"] as? Int == 7)
        #expect(json["creditCode"] as? String == Self.creditCode)
        #expect(json["useName"] as? String == "合同专用章")
        #expect(json["physicalCode"] as? String == "1101080012345")
        #expect(json["state"] as? String == "applied")
        #expect(json["reason"] as? String == "新设立单位刻制合同专用章")
        #expect(json["createdAt"] as? String == "2026-09-21T14:13:20Z")
        #expect(json["applicant"] as? String == "王经办")
        // Without the officers' names, the applicant is left out rather than shown as an id.
        #expect(try jsonObject(ApplicationRow(record))["applicant"] == nil)
    }

    @Test("a decided personal application in detail: holder, decider, note, time and the attachments by name, SM3 and size")
    func decidedApplication() throws {
        let holderID = try ResidentIdentityNumber("11010519491231002X")
        let record = ApplicationRecord(
            id: 8, unitName: "北京某某科技发展有限公司", creditCode: try UnifiedSocialCreditCode(Self.creditCode), template: "personal-square", holderName: "张三",
            holderIDNumber: holderID, reason: "法定代表人名章", state: .rejected, applicantID: 2, deciderID: 3, decisionNote: "材料不全",
            decidedAt: ViewFixture.signingTime, replacesSealID: 3, createdAt: StationFixture.now)
        let content = Array("营业执照副本".utf8)
        let attachment = AttachmentRow(name: "营业执照.pdf", sm3: Hex.encode(try SM3.hash(content)), bytes: content.count)
        let row = ApplicationRow(record, officers: Self.officers, attachments: [attachment])
        let json = try jsonObject(row)
        #expect(json["holderName"] as? String == "张三")
        #expect(json["holderIDNumber"] as? String == "11010519491231002X")
        #expect(json["state"] as? String == "rejected")
        #expect(json["decider"] as? String == "李审批")
        #expect(json["decisionNote"] as? String == "材料不全")
        #expect(json["decidedAt"] as? String == "2026-09-22T14:13:20Z")
        #expect(json["replacesSealID"] as? Int == 3)
        #expect(json["useName"] == nil && json["physicalCode"] == nil)
        let attachments = try #require(json["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        #expect(Set(attachments[0].keys) == ["name", "sm3", "bytes"])
        #expect(attachments[0]["name"] as? String == "营业执照.pdf")
        #expect(attachments[0]["sm3"] as? String == Hex.encode(try SM3.hash(content)))
        #expect(attachments[0]["bytes"] as? Int == 18)
        #expect(row.rows.contains { $0 == ("rejected by", "李审批") })
        #expect(row.rows.last! == ("attachment", "营业执照.pdf  18 bytes  SM3 \(attachment.sm3)"))
    }

    @Test("officers: the exact JSON, sorted keys, Chinese unescaped, and never the passphrase hash")
    func officers() throws {
        let hash = try PasswordHash.make(SecretBytes(utf8: "officer passphrase 2026"), iterations: KeyEncryption.minimumIterations)
        let rows = [
            OfficerRow(OfficerRecord(id: 1, name: "张管理", role: .administrator, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: StationFixture.now)),
            OfficerRow(OfficerRecord(id: 2, name: "王经办", role: .operatorRole, passphraseHash: hash, failedAttempts: 5, locked: true,
                                     createdAt: StationFixture.now, disabled: true)),
        ]
        let text = try ViewJSON.string(rows)
        #expect(text == """
            [
              {
                "failedAttempts" : 0,
                "locked" : false,
                "name" : "张管理",
                "role" : "administrator",
                "state" : "enabled"
              },
              {
                "failedAttempts" : 5,
                "locked" : true,
                "name" : "王经办",
                "role" : "operator",
                "state" : "disabled"
              }
            ]
            """)
        #expect(!text.contains(hash))
        #expect(rows[1].cells == ["王经办", "operator", "disabled", "yes"])
    }

    @Test("officer names by id: one entry per officer row, rows not yet stored left out")
    func officerNames() throws {
        let hash = try PasswordHash.make(SecretBytes(utf8: "officer passphrase 2026"), iterations: KeyEncryption.minimumIterations)
        let names = OfficerNames.byID([
            OfficerRecord(id: 1, name: "张管理", role: .administrator, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: StationFixture.now),
            OfficerRecord(id: 4, name: "张管理", role: .operatorRole, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: StationFixture.now),
            OfficerRecord(id: 3, name: "李审批", role: .approver, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: StationFixture.now),
            OfficerRecord(name: "未保存", role: .auditor, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: StationFixture.now),
        ])
        #expect(names == [1: "张管理", 4: "张管理", 3: "李审批"])
    }

    @Test("use requests: the exact JSON of a pending request (no approver or decision time) and an approved one")
    func useRequests() throws {
        let pending = UseRequestRow(
            UseRequestRecord(id: 5, sealID: 3, reason: "签订采购合同", count: 2, used: 0, state: .requested, requesterID: 2, requestedAt: StationFixture.now),
            officers: Self.officers)
        #expect(try ViewJSON.string(pending) == """
            {
              "count" : 2,
              "id" : 5,
              "reason" : "签订采购合同",
              "requestedAt" : "2026-09-21T14:13:20Z",
              "requester" : "王经办",
              "sealID" : 3,
              "state" : "requested",
              "used" : 0
            }
            """)
        let approved = try jsonObject(UseRequestRow(
            UseRequestRecord(id: 6, sealID: 3, reason: "签订采购合同", count: 2, used: 1, state: .approved, requesterID: 9, approverID: 3,
                             requestedAt: StationFixture.now, decidedAt: ViewFixture.signingTime),
            officers: Self.officers))
        #expect(approved["approver"] as? String == "李审批")
        #expect(approved["decidedAt"] as? String == "2026-09-22T14:13:20Z")
        // An officer id with no name is shown as "?".
        #expect(approved["requester"] as? String == "?")
        #expect(pending.cells == ["5", "3", "requested", "0/2", "签订采购合同", "王经办", "2026-09-21T14:13:20Z", ""])
    }

    @Test("the use log: date, reason, approver and officer by name, count, document name and SM3; not the signature's SM3")
    func useLog() throws {
        let documentSM3 = Hex.encode(try SM3.hash(ViewFixture.document))
        let row = UseLogRow(
            UseLogRecord(id: 1, useRequestID: 5, sealID: 3, usedAt: ViewFixture.signingTime, reason: "签订采购合同", approverID: 3, officerID: 2,
                         count: 1, documentName: ViewFixture.documentName, documentSM3: documentSM3, signatureSM3: String(repeating: "ab", count: 32)),
            officers: Self.officers)
        let json = try jsonObject(row)
        #expect(Set(json.keys) == ["id", "sealID", "usedAt", "reason", "approver", "officer", "count", "document", "documentSM3"])
        #expect(json["usedAt"] as? String == "2026-09-22T14:13:20Z")
        #expect(json["approver"] as? String == "李审批")
        #expect(json["officer"] as? String == "王经办")
        #expect(json["document"] as? String == "合同-2026-001.txt")
        #expect(json["documentSM3"] as? String == documentSM3)
        #expect(row.cells[8] == String(documentSM3.prefix(16)))
        #expect(row.cells.last == "")
    }

    @Test("the use log of a stamp: the stamped document's SM3, the placement and the signature id in the document")
    func useLogOfStamp() throws {
        let stamp = UseStamp(stampedSM3: String(repeating: "cd", count: 32), placement: "page 1: 84 229 42 42 mm", signatureID: "3")
        let row = UseLogRow(
            UseLogRecord(id: 2, useRequestID: 5, sealID: 3, usedAt: ViewFixture.signingTime, reason: "签订采购合同", approverID: 3, officerID: 2,
                         count: 1, documentName: "合同.ofd", documentSM3: String(repeating: "ef", count: 32),
                         signatureSM3: String(repeating: "ab", count: 32), stamp: stamp),
            officers: Self.officers)
        let json = try jsonObject(row)
        #expect(json["stampedSM3"] as? String == stamp.stampedSM3)
        #expect(json["placement"] as? String == "page 1: 84 229 42 42 mm")
        #expect(json["signatureID"] as? String == "3")
        #expect(row.cells.last == "3 · page 1: 84 229 42 42 mm")
        #expect(UseLogRow.header.count == row.cells.count)
    }
}
