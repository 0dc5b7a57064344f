/// The data SealStation ships beside its program: seal templates, PKCS#11 vendor profiles and the console's assets.
///
/// Each item is found, in this order, by a command-line flag, an environment variable, the install prefix
/// (`<directory of the executable>/../share/sealstation/…`) and, for a build that is not installed, the package's
/// resources. Never the current directory.
public enum ShippedData: String, CaseIterable, Sendable {
    /// The directory of seal templates (`*.yaml`).
    case templates
    /// The PKCS#11 vendor profile file (`vendors.yaml`).
    case vendorProfiles
    /// The officers' console's Mustache templates and style sheet (`Templates/console/`).
    case console

    /// The flag that names it (`--templates DIR`, `--vendor-profiles FILE`, `--console-assets DIR`).
    public var flag: String {
        switch self {
        case .templates: return "--templates"
        case .vendorProfiles: return "--vendor-profiles"
        case .console: return "--console-assets"
        }
    }

    /// The environment variable that names it.
    public var environmentVariable: String {
        switch self {
        case .templates: return "SEALSTATION_TEMPLATES"
        case .vendorProfiles: return "SEALSTATION_VENDOR_PROFILES"
        case .console: return "SEALSTATION_CONSOLE"
        }
    }

    /// What it is, in the user's words.
    public var title: String {
        switch self {
        case .templates: return "seal template directory"
        case .vendorProfiles: return "PKCS#11 vendor profile file"
        case .console: return "console template directory"
        }
    }

    /// A directory (templates, console) or a regular file (vendor profiles).
    var isDirectory: Bool { self != .vendorProfiles }

    /// Where it is under an install prefix (`/usr` for the Debian package).
    var installedPath: String {
        switch self {
        case .templates: return "share/sealstation/templates"
        case .vendorProfiles: return "share/sealstation/pkcs11/vendors.yaml"
        case .console: return "share/sealstation/console"
        }
    }

    /// Where it is in the package's resources (the checkout's `Templates/`).
    var resourcePath: String {
        switch self {
        case .templates: return "Templates"
        case .vendorProfiles: return "Templates/pkcs11/vendors.yaml"
        case .console: return "Templates/console"
        }
    }
}
