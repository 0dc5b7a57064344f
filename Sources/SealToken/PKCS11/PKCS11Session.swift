internal import CPKCS11
public import SealCrypto

/// A read-write session on one token. Logs out and closes in `deinit`.
public final class PKCS11Session: @unchecked Sendable {
    /// The module the session belongs to (kept alive by the session).
    public let module: PKCS11Module
    /// The token, as it described itself when the session opened.
    public let token: TokenInfo
    private let handle: CK_SESSION_HANDLE
    private var loggedIn = false

    init(module: PKCS11Module, token: TokenInfo) throws {
        self.module = module
        self.token = token
        var session: CK_SESSION_HANDLE = 0
        try module.withLock {
            try PKCS11Error.check(
                "C_OpenSession",
                module.functions.C_OpenSession(
                    CK_SLOT_ID(token.slotID), CK_FLAGS(CKF_SERIAL_SESSION | CKF_RW_SESSION), nil, nil, &session))
        }
        self.handle = session
    }

    deinit {
        module.withLock {
            if loggedIn { _ = module.functions.C_Logout?(handle) }
            _ = module.functions.C_CloseSession?(handle)
        }
    }

    private var f: CK_FUNCTION_LIST { module.functions }

    /// Logs the user in with `pin`. A wrong PIN throws ``PKCS11Error/wrongPIN`` and changes nothing.
    public func login(pin: SecretBytes) throws {
        var copy = pin.withUnsafeBytes { Array($0) }
        defer { for index in copy.indices { copy[index] = 0 } }
        try module.withLock {
            let result = copy.withUnsafeMutableBufferPointer { buffer in
                f.C_Login(handle, CK_USER_TYPE(CKU_USER), buffer.baseAddress, CK_ULONG(buffer.count))
            }
            if result == CKR_USER_ALREADY_LOGGED_IN { return }
            try PKCS11Error.check("C_Login", result)
        }
        loggedIn = true
    }

    /// Generates a key pair on the token; the private key is a token object, sensitive and never extractable.
    public func generateKeyPair(
        mechanism: UInt, publicTemplate: [PKCS11Attribute], privateTemplate: [PKCS11Attribute]
    ) throws -> (publicKey: UInt, privateKey: UInt) {
        let publicAttributes = AttributeTemplate(publicTemplate)
        let privateAttributes = AttributeTemplate(privateTemplate)
        var mech = CK_MECHANISM(mechanism: CK_MECHANISM_TYPE(mechanism), pParameter: nil, ulParameterLen: 0)
        var publicHandle: CK_OBJECT_HANDLE = 0
        var privateHandle: CK_OBJECT_HANDLE = 0
        var publicList = publicAttributes.attributes
        var privateList = privateAttributes.attributes
        try module.withLock {
            try PKCS11Error.check(
                "C_GenerateKeyPair",
                f.C_GenerateKeyPair(
                    handle, &mech, &publicList, CK_ULONG(publicList.count), &privateList, CK_ULONG(privateList.count),
                    &publicHandle, &privateHandle))
        }
        return (UInt(publicHandle), UInt(privateHandle))
    }

    /// Creates an object (certificate, data…) from `template`; returns its handle.
    @discardableResult
    public func createObject(_ template: [PKCS11Attribute]) throws -> UInt {
        let attributes = AttributeTemplate(template)
        var list = attributes.attributes
        var object: CK_OBJECT_HANDLE = 0
        try module.withLock {
            try PKCS11Error.check("C_CreateObject", f.C_CreateObject(handle, &list, CK_ULONG(list.count), &object))
        }
        return UInt(object)
    }

    /// Destroys an object.
    public func destroyObject(_ object: UInt) throws {
        try module.withLock { try PKCS11Error.check("C_DestroyObject", f.C_DestroyObject(handle, CK_OBJECT_HANDLE(object))) }
    }

    /// The handles of every object matching `template` (all visible objects when empty).
    public func findObjects(_ template: [PKCS11Attribute] = []) throws -> [UInt] {
        let attributes = AttributeTemplate(template)
        var list = attributes.attributes
        return try module.withLock {
            try PKCS11Error.check("C_FindObjectsInit", f.C_FindObjectsInit(handle, &list, CK_ULONG(list.count)))
            defer { _ = f.C_FindObjectsFinal(handle) }
            var found: [UInt] = []
            var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 64)
            while true {
                var count: CK_ULONG = 0
                try PKCS11Error.check("C_FindObjects", f.C_FindObjects(handle, &batch, CK_ULONG(batch.count), &count))
                if count == 0 { break }
                found.append(contentsOf: batch.prefix(Int(count)).map { UInt($0) })
            }
            return found
        }
    }

    /// The value of one attribute, or nil when the token marks it sensitive, unextractable or absent.
    public func attribute(_ type: UInt, of object: UInt) throws -> [UInt8]? {
        try module.withLock {
            var probe = CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(type), pValue: nil, ulValueLen: 0)
            let sizing = f.C_GetAttributeValue(handle, CK_OBJECT_HANDLE(object), &probe, 1)
            if sizing == CKR_ATTRIBUTE_SENSITIVE || sizing == CKR_ATTRIBUTE_TYPE_INVALID { return nil }
            try PKCS11Error.check("C_GetAttributeValue", sizing)
            if probe.ulValueLen == CK_ULONG.max { return nil }
            var bytes = [UInt8](repeating: 0, count: Int(probe.ulValueLen))
            let result = bytes.withUnsafeMutableBytes { buffer -> CK_RV in
                var attribute = CK_ATTRIBUTE(
                    type: CK_ATTRIBUTE_TYPE(type), pValue: buffer.baseAddress, ulValueLen: CK_ULONG(buffer.count))
                return f.C_GetAttributeValue(handle, CK_OBJECT_HANDLE(object), &attribute, 1)
            }
            try PKCS11Error.check("C_GetAttributeValue", result)
            return bytes
        }
    }

    /// Whether reading `type` of `object` is refused as sensitive (`CKR_ATTRIBUTE_SENSITIVE`).
    public func isAttributeSensitive(_ type: UInt, of object: UInt) throws -> Bool {
        module.withLock {
            var probe = CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(type), pValue: nil, ulValueLen: 0)
            let result = f.C_GetAttributeValue(handle, CK_OBJECT_HANDLE(object), &probe, 1)
            return result == CKR_ATTRIBUTE_SENSITIVE || probe.ulValueLen == CK_ULONG.max
        }
    }

    /// Signs `data` with `key` using `mechanism` (and its optional parameter bytes); returns the token's output.
    public func sign(mechanism: UInt, parameter: [UInt8]? = nil, key: UInt, data: [UInt8]) throws -> [UInt8] {
        var parameterBytes = parameter ?? []
        var input = data
        return try module.withLock {
            try parameterBytes.withUnsafeMutableBytes { parameterBuffer in
                var mech = CK_MECHANISM(
                    mechanism: CK_MECHANISM_TYPE(mechanism),
                    pParameter: parameter == nil ? nil : parameterBuffer.baseAddress,
                    ulParameterLen: CK_ULONG(parameter?.count ?? 0))
                try PKCS11Error.check("C_SignInit", f.C_SignInit(handle, &mech, CK_OBJECT_HANDLE(key)))
            }
            var length: CK_ULONG = 0
            try PKCS11Error.check("C_Sign", f.C_Sign(handle, &input, CK_ULONG(input.count), nil, &length))
            var signature = [UInt8](repeating: 0, count: Int(length))
            try PKCS11Error.check("C_Sign", f.C_Sign(handle, &input, CK_ULONG(input.count), &signature, &length))
            return Array(signature.prefix(Int(length)))
        }
    }
}
