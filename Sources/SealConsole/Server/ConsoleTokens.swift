public import Foundation
import SealCrypto
import SealStation
public import SealToken

/// How the console reaches PKCS#11 tokens for 制作 to a token and 签章 with a token-held seal: the module (from
/// `sealstation serve --module`, `$SEALSTATION_PKCS11_MODULE`, else SoftHSM2's) and the station's vendor profiles.
/// A PIN is typed into the form of the one request that needs it and is never kept.
public struct ConsoleTokens: Sendable {
    /// The PKCS#11 module's path.
    public let modulePath: String

    public init(modulePath: String? = nil) {
        self.modulePath = modulePath ?? ProcessInfo.processInfo.environment["SEALSTATION_PKCS11_MODULE"] ?? SoftHSM2.modulePath
    }

    /// A key store logged in with `pin` to the token `selector` names (a label, or `serial:NUMBER`), through the
    /// vendor profile of the station's table that matches the module.
    func openStore(_ selector: String, pin: SecretBytes, station: Station) throws -> TokenKeyStore {
        let module = try PKCS11Module.shared(path: modulePath)
        let info = try module.info()
        guard let profile = station.vendorProfiles.profile(for: info) else {
            throw PKCS11Error.noVendorProfile(module: "\(info.path) (\(info.manufacturer))", algorithm: "SM2 or P-256")
        }
        let session = try module.openSession(TokenSelector(parsing: selector))
        try session.login(pin: pin)
        return TokenKeyStore(session: session, profile: profile)
    }
}
