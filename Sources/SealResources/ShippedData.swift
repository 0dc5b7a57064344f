/// The data SealStation ships beside its program: seal templates and PKCS#11 vendor profiles.
///
/// Each item is found, in this order, by a command-line flag, an environment variable, the install prefix
/// (`<directory of the executable>/../share/sealstation/…`) and, for a build that is not installed, the package's
/// resources. Never the current directory.
public enum ShippedData: String, CaseIterable, Sendable {
    /// The directory of seal templates (`*.yaml`).
    case templates
    /// The PKCS#11 vendor profile file (`vendors.yaml`).
    case vendorProfiles

    /// The flag that names it (`--templates DIR`, `--vendor-profiles FILE`).
    public var flag: String {
        switch self {
        case .templates: return "--templates"
        case .vendorProfiles: return "--vendor-profiles"
        }
    }

    /// The environment variable that names it.
    public var environmentVariable: String {
        switch self {
        case .templates: return "SEALSTATION_TEMPLATES"
        case .vendorProfiles: return "SEALSTATION_VENDOR_PROFILES"
        }
    }

    /// What it is, in the user's words.
    public var title: String {
        switch self {
        case .templates: return "seal template directory"
        case .vendorProfiles: return "PKCS#11 vendor profile file"
        }
    }

    /// A directory (templates) or a regular file (vendor profiles).
    var isDirectory: Bool { self == .templates }

    /// Where it is under an install prefix (`/usr` for the Debian package).
    var installedPath: String {
        switch self {
        case .templates: return "share/sealstation/templates"
        case .vendorProfiles: return "share/sealstation/pkcs11/vendors.yaml"
        }
    }

    /// Where it is in the package's resources (the checkout's `Templates/`).
    var resourcePath: String {
        switch self {
        case .templates: return "Templates"
        case .vendorProfiles: return "Templates/pkcs11/vendors.yaml"
        }
    }
}
