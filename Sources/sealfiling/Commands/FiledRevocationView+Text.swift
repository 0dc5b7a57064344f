import Foundation
import SealCommandLine
import SealFiling

extension FiledRevocationView {
    /// One line for a table.
    var text: String {
        guard let crlNumber else { return "no CRL (station filed none)" }
        let staleNote = stale == true ? ", stale: next update was \(crlNextUpdate.map(Output.date) ?? "-")" : ""
        if status == "revoked" {
            return "revoked: \(reason ?? "unspecified") \(reasonChinese ?? ""), \(revocationDate.map(Output.date) ?? "-")"
                + (invalidityDate.map { ", invalid since \(Output.date($0))" } ?? "") + " (CRL \(crlNumber)\(staleNote))"
        }
        if stale == true { return "not revoked on CRL \(crlNumber)\(staleNote)" }
        return "not revoked (CRL \(crlNumber)" + (crlNextUpdate.map { ", next update \(Output.date($0))" } ?? "") + ")"
    }
}
