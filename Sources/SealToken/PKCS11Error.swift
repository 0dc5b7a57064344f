/// Errors from PKCS#11 modules and tokens; each message names the problem and, for module calls, the function and the
/// `CKR_` code it returned.
import Foundation
public enum PKCS11Error: Error, Equatable, CustomStringConvertible, Sendable {
    case moduleNotFound(path: String)
    case moduleNotLoadable(path: String, reason: String)
    case moduleAlreadyInitialized(path: String)
    case call(String, PKCS11ReturnValue)
    case tokenNotFound(selector: String, present: [String])
    case tokenAmbiguous(selector: String, count: Int)
    case wrongPIN
    case pinLocked
    case objectNotFound(String)
    case objectExists(String)
    case attributeUnreadable(attribute: String, reason: String)
    case mechanismNotOffered(name: String, code: UInt)
    case malformedValue(String)
    case invalidSelector(String)
    case vendorProfiles(path: String, reason: String)
    case unknownVendorProfile(id: String, available: [String])
    case noVendorProfile(module: String, algorithm: String)
    case unexpectedSignature(length: Int)
    case tokenInitialization(label: String, reason: String)
    /// A signature the token returned does not verify with the public key stored beside the private key.
    case signatureDoesNotVerify(token: String, id: String)

    public var description: String {
        switch self {
        case .moduleNotFound(let path): return "PKCS#11 module \(path) does not exist"
        case .moduleNotLoadable(let path, let reason): return "PKCS#11 module \(path) cannot be loaded: \(reason)"
        case .moduleAlreadyInitialized(let path):
            return "PKCS#11 module \(path) is already initialised in this process; use the loaded module"
        case .call(let function, let value): return "\(function) failed: \(value)"
        case .tokenNotFound(let selector, let present):
            let list = present.isEmpty ? "no tokens are present" : "tokens present: \(present.joined(separator: ", "))"
            return "no token matches \(selector) (\(list))"
        case .tokenAmbiguous(let selector, let count):
            return "\(count) tokens match \(selector); address the token by serial instead"
        case .wrongPIN: return "the token refused the PIN (CKR_PIN_INCORRECT); nothing was changed"
        case .pinLocked: return "the token's user PIN is locked (CKR_PIN_LOCKED); the security officer must reset it"
        case .objectNotFound(let what): return "no \(what) on the token"
        case .objectExists(let what): return "the token already holds \(what); nothing was written"
        case .attributeUnreadable(let attribute, let reason): return "attribute \(attribute) cannot be read: \(reason)"
        case .mechanismNotOffered(let name, let code):
            return "the token does not offer mechanism \(name) (0x\(String(code, radix: 16))); check its vendor profile"
        case .malformedValue(let what): return "the token returned a malformed value: \(what)"
        case .invalidSelector(let text):
            return "'\(text)' is not a token address; use label:NAME, serial:NUMBER or a bare label"
        case .vendorProfiles(let path, let reason): return "vendor profile file \(path): \(reason)"
        case .unknownVendorProfile(let id, let available):
            return "no vendor profile '\(id)' (available: \(available.joined(separator: ", ")))"
        case .noVendorProfile(let module, let algorithm):
            return "no vendor profile gives \(algorithm) for module \(module); add one to Templates/pkcs11/vendors.yaml"
        case .tokenInitialization(let label, let reason):
            return "softhsm2-util could not initialise token '\(label)': \(reason.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .signatureDoesNotVerify(let token, let id):
            return "the signature token '\(token)' returned for key CKA_ID \(id) does not verify with that key's public key; "
                + "nothing signed with it was kept (check the token and its vendor profile)"
        case .unexpectedSignature(let length):
            return "the token returned a \(length)-byte signature that is neither r‖s nor DER; check the profile's encoding"
        }
    }
}

/// A `CK_RV` with its name from the PKCS#11 specification.
public struct PKCS11ReturnValue: Equatable, Sendable, CustomStringConvertible {
    public let code: UInt

    public init(_ code: UInt) { self.code = code }

    /// The `CKR_` name, or the hex value for vendor codes.
    public var name: String { Self.names[code] ?? "CKR_0x\(String(code, radix: 16))" }

    public var description: String { "\(name) (0x\(String(code, radix: 16)))" }

    static let names: [UInt: String] = [
        0x0: "CKR_OK", 0x1: "CKR_CANCEL", 0x2: "CKR_HOST_MEMORY", 0x3: "CKR_SLOT_ID_INVALID", 0x5: "CKR_GENERAL_ERROR",
        0x6: "CKR_FUNCTION_FAILED", 0x7: "CKR_ARGUMENTS_BAD", 0x10: "CKR_ATTRIBUTE_READ_ONLY",
        0x11: "CKR_ATTRIBUTE_SENSITIVE", 0x12: "CKR_ATTRIBUTE_TYPE_INVALID", 0x13: "CKR_ATTRIBUTE_VALUE_INVALID",
        0x20: "CKR_DATA_INVALID", 0x21: "CKR_DATA_LEN_RANGE", 0x30: "CKR_DEVICE_ERROR", 0x31: "CKR_DEVICE_MEMORY",
        0x32: "CKR_DEVICE_REMOVED", 0x54: "CKR_FUNCTION_NOT_SUPPORTED", 0x60: "CKR_KEY_HANDLE_INVALID",
        0x63: "CKR_KEY_TYPE_INCONSISTENT", 0x68: "CKR_KEY_FUNCTION_NOT_PERMITTED", 0x70: "CKR_MECHANISM_INVALID",
        0x71: "CKR_MECHANISM_PARAM_INVALID", 0x82: "CKR_OBJECT_HANDLE_INVALID", 0x90: "CKR_OPERATION_ACTIVE",
        0x91: "CKR_OPERATION_NOT_INITIALIZED", 0xa0: "CKR_PIN_INCORRECT", 0xa1: "CKR_PIN_INVALID",
        0xa2: "CKR_PIN_LEN_RANGE", 0xa4: "CKR_PIN_LOCKED", 0xb0: "CKR_SESSION_CLOSED", 0xb3: "CKR_SESSION_HANDLE_INVALID",
        0xb5: "CKR_SESSION_READ_ONLY", 0xc0: "CKR_SIGNATURE_INVALID", 0xc1: "CKR_SIGNATURE_LEN_RANGE",
        0xd0: "CKR_TEMPLATE_INCOMPLETE", 0xd1: "CKR_TEMPLATE_INCONSISTENT", 0xe0: "CKR_TOKEN_NOT_PRESENT",
        0xe1: "CKR_TOKEN_NOT_RECOGNIZED", 0xe2: "CKR_TOKEN_WRITE_PROTECTED", 0x100: "CKR_USER_ALREADY_LOGGED_IN",
        0x101: "CKR_USER_NOT_LOGGED_IN", 0x102: "CKR_USER_PIN_NOT_INITIALIZED", 0x103: "CKR_USER_TYPE_INVALID",
        0x150: "CKR_BUFFER_TOO_SMALL", 0x190: "CKR_CRYPTOKI_NOT_INITIALIZED", 0x191: "CKR_CRYPTOKI_ALREADY_INITIALIZED",
    ]
}

extension PKCS11Error {
    /// Throws for anything but `CKR_OK`; PIN failures get their own cases.
    static func check(_ function: String, _ result: UInt?) throws {
        guard let result else { throw PKCS11Error.call(function, PKCS11ReturnValue(0x54)) }
        switch result {
        case 0: return
        case 0xa0: throw PKCS11Error.wrongPIN
        case 0xa4: throw PKCS11Error.pinLocked
        default: throw PKCS11Error.call(function, PKCS11ReturnValue(result))
        }
    }
}
