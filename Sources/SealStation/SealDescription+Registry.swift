import Foundation
public import SealBundle
public import SealRegistry
import SealPKI

extension SealDescription {
    /// The filing description of `seal` (issued on `application`): the registry's fields, with the officers named and
    /// the replaced seal given by its esID.
    public init(seal: SealRecord, application: ApplicationRecord, issuedBy: String, approvedBy: String?, replacesESID: String?) {
        self.init(
            esID: seal.esID, name: seal.name, kind: seal.kind, template: seal.template, unitName: seal.unitName, creditCode: seal.creditCode.value,
            useName: application.useName, holderName: application.holderName, holderIDNumber: application.holderIDNumber?.value,
            physicalCode: application.physicalCode, state: seal.state.rawValue, validFrom: seal.validFrom, validTo: seal.validTo,
            issuedAt: seal.issuedAt, issuedBy: issuedBy, approvedBy: approvedBy, replacesESID: replacesESID, revokedAt: seal.revokedAt,
            revokeReason: seal.revokeReason)
    }
}
