import Foundation

/// The digest a Signature.xml's `References@CheckMethod` names (GB/T 33190 §18.2.2). The 2016 XSD enumerates MD5 and
/// SHA1; practice is SM3, written `SM3` (ofdrw), `sm3` or `1.2.156.10197.1.401` (tax bureau, KingGrid, DianJu). The
/// OIDs `1.2.156.10197.1.401.1` and `…401.2` (BouncyCastle's HMAC-SM3, written by dms360) are read as SM3 and named as
/// a deviation; anything else is refused, since SM3 is the only digest a GB/T 38540 signature may rely on.
enum OFDCheckMethod: Equatable {
    /// SM3, written one of the accepted ways.
    case sm3
    /// SM3 written a non-standard way (the spelling).
    case sm3Deviating(String)
    /// Not SM3 (the value as written, or nil when the attribute is absent).
    case refused(String?)

    /// The OID of SM3 (GM/T 0006).
    static let sm3OID = "1.2.156.10197.1.401"

    init(_ written: String?) {
        guard let written else {
            self = .refused(nil)
            return
        }
        let value = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.lowercased() == "sm3" || value == Self.sm3OID {
            self = .sm3
        } else if value == Self.sm3OID + ".1" || value == Self.sm3OID + ".2" {
            self = .sm3Deviating(value)
        } else {
            self = .refused(value)
        }
    }
}
