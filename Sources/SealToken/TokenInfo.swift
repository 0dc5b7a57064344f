internal import CPKCS11

/// What a token says about itself (`CK_TOKEN_INFO`), plus the slot it sits in right now.
public struct TokenInfo: Codable, Equatable, Sendable {
    /// The slot ID for this run only; slot numbers change between runs and are never used to address a token.
    public var slotID: UInt
    public var label: String
    public var manufacturer: String
    public var model: String
    public var serialNumber: String
    /// False for an empty slot's blank token (SoftHSM2 always offers one for `--init-token --free`).
    public var initialized: Bool
    public var loginRequired: Bool
    public var userPINInitialized: Bool
    public var userPINLocked: Bool
    public var writeProtected: Bool
    public var freePublicMemory: UInt?
    public var totalPublicMemory: UInt?
    public var firmwareVersion: String

    init(slotID: UInt, _ info: CK_TOKEN_INFO) {
        self.slotID = slotID
        self.label = PKCS11Text.blankPadded(info.label)
        self.manufacturer = PKCS11Text.blankPadded(info.manufacturerID)
        self.model = PKCS11Text.blankPadded(info.model)
        self.serialNumber = PKCS11Text.blankPadded(info.serialNumber)
        self.initialized = info.flags & CK_FLAGS(CKF_TOKEN_INITIALIZED) != 0
        self.loginRequired = info.flags & CK_FLAGS(CKF_LOGIN_REQUIRED) != 0
        self.userPINInitialized = info.flags & CK_FLAGS(CKF_USER_PIN_INITIALIZED) != 0
        self.userPINLocked = info.flags & CK_FLAGS(CKF_USER_PIN_LOCKED) != 0
        self.writeProtected = info.flags & CK_FLAGS(CKF_WRITE_PROTECTED) != 0
        // CK_UNAVAILABLE_INFORMATION (all ones) and CK_EFFECTIVELY_INFINITE (0) say nothing useful.
        let unavailable = CK_ULONG.max
        self.freePublicMemory = info.ulFreePublicMemory == unavailable ? nil : UInt(info.ulFreePublicMemory)
        self.totalPublicMemory = info.ulTotalPublicMemory == unavailable ? nil : UInt(info.ulTotalPublicMemory)
        self.firmwareVersion = "\(info.firmwareVersion.major).\(info.firmwareVersion.minor)"
    }
}

/// The library-level description of a module (`CK_INFO`).
public struct PKCS11ModuleInfo: Codable, Equatable, Sendable {
    public var path: String
    public var manufacturer: String
    public var description: String
    public var libraryVersion: String
    public var cryptokiVersion: String
}

/// One mechanism a token offers (`CK_MECHANISM_INFO`).
public struct PKCS11MechanismInfo: Codable, Equatable, Sendable {
    public var type: UInt
    public var minimumKeySize: UInt
    public var maximumKeySize: UInt
    public var flags: UInt

    /// Whether the mechanism can sign (`CKF_SIGN`).
    public var canSign: Bool { flags & UInt(CKF_SIGN) != 0 }
    /// Whether the mechanism generates key pairs (`CKF_GENERATE_KEY_PAIR`).
    public var canGenerateKeyPair: Bool { flags & UInt(CKF_GENERATE_KEY_PAIR) != 0 }
}
