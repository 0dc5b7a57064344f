internal import CPKCS11
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PKCS#11 module loaded from a shared library path (`dlopen` + `C_GetFunctionList` + `C_Initialize`).
///
/// The module is initialised when loaded and finalised when the object is released. PKCS#11 initialisation is
/// process-global, so one process holds at most one `PKCS11Module` per library at a time; a second load of the same
/// library while the first is alive is refused with ``PKCS11Error/moduleAlreadyInitialized(path:)``.
/// The library itself is never `dlclose`d (modules such as SoftHSM2 register process-exit handlers).
public final class PKCS11Module: @unchecked Sendable {
    /// The library path the module was loaded from.
    public let path: String
    let functions: CK_FUNCTION_LIST
    private let lock = NSLock()
    /// Set once C_Initialize succeeded: only then does `deinit` finalise (never another owner's initialisation).
    private var initialized = false

    private nonisolated(unsafe) static var loaded: [String: WeakModule] = [:]
    private static let loadedLock = NSLock()
    private struct WeakModule { weak var module: PKCS11Module? }

    /// The module at `path` already loaded in this process, or a newly loaded one: several token sessions of one
    /// command (the holder's token and the maker's) share the module's single initialisation.
    public static func shared(path: String) throws -> PKCS11Module {
        loadedLock.lock()
        defer { loadedLock.unlock() }
        if let module = loaded[path]?.module { return module }
        let module = try PKCS11Module(path: path)
        loaded[path] = WeakModule(module: module)
        return module
    }

    /// Loads and initialises the module at `path`.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw PKCS11Error.moduleNotFound(path: path) }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PKCS11Error.moduleNotLoadable(path: path, reason: dlerror().map { String(cString: $0) } ?? "dlopen failed")
        }
        guard let symbol = dlsym(handle, "C_GetFunctionList") else {
            throw PKCS11Error.moduleNotLoadable(path: path, reason: "no C_GetFunctionList symbol: not a PKCS#11 module")
        }
        let getFunctionList = unsafeBitCast(symbol, to: CK_C_GetFunctionList.self)
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>? = nil
        let listResult = getFunctionList(&list)
        guard listResult == CKR_OK, let list else {
            throw PKCS11Error.call("C_GetFunctionList", PKCS11ReturnValue(listResult))
        }
        self.path = path
        self.functions = list.pointee
        guard let initialize = functions.C_Initialize else {
            throw PKCS11Error.moduleNotLoadable(path: path, reason: "C_Initialize is missing")
        }
        // OS locking, no application threads created by the library: the settings every module supports.
        var arguments = CK_C_INITIALIZE_ARGS(
            CreateMutex: nil, DestroyMutex: nil, LockMutex: nil, UnlockMutex: nil,
            flags: CK_FLAGS(CKF_OS_LOCKING_OK), pReserved: nil)
        let result = withUnsafeMutablePointer(to: &arguments) { initialize(UnsafeMutableRawPointer($0)) }
        if result == CKR_CRYPTOKI_ALREADY_INITIALIZED { throw PKCS11Error.moduleAlreadyInitialized(path: path) }
        try PKCS11Error.check("C_Initialize", result)
        initialized = true
    }

    deinit {
        if initialized { _ = functions.C_Finalize?(nil) }
    }

    /// Serialises calls into the module (some modules are not thread-safe even with OS locking).
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The module's own description (manufacturer, library description and version).
    public func info() throws -> PKCS11ModuleInfo {
        var info = CK_INFO()
        try withLock { try PKCS11Error.check("C_GetInfo", functions.C_GetInfo(&info)) }
        return PKCS11ModuleInfo(
            path: path,
            manufacturer: PKCS11Text.blankPadded(info.manufacturerID),
            description: PKCS11Text.blankPadded(info.libraryDescription),
            libraryVersion: "\(info.libraryVersion.major).\(info.libraryVersion.minor)",
            cryptokiVersion: "\(info.cryptokiVersion.major).\(info.cryptokiVersion.minor)")
    }

    /// Every token present, in slot order.
    public func tokens() throws -> [TokenInfo] {
        try withLock {
            var count: CK_ULONG = 0
            try PKCS11Error.check("C_GetSlotList", functions.C_GetSlotList(CK_BBOOL(CK_TRUE), nil, &count))
            var slots = [CK_SLOT_ID](repeating: 0, count: Int(count))
            try PKCS11Error.check("C_GetSlotList", functions.C_GetSlotList(CK_BBOOL(CK_TRUE), &slots, &count))
            return try slots.prefix(Int(count)).map { slot in
                var info = CK_TOKEN_INFO()
                try PKCS11Error.check("C_GetTokenInfo", functions.C_GetTokenInfo(slot, &info))
                return TokenInfo(slotID: UInt(slot), info)
            }
        }
    }

    /// The one token matching `selector`; slot numbers are never used to address tokens.
    public func token(_ selector: TokenSelector) throws -> TokenInfo {
        let all = try tokens()
        let matches = all.filter { $0.initialized && selector.matches($0) }
        guard let first = matches.first else {
            throw PKCS11Error.tokenNotFound(selector: selector.description, present: all.filter(\.initialized).map(\.label))
        }
        guard matches.count == 1 else { throw PKCS11Error.tokenAmbiguous(selector: selector.description, count: matches.count) }
        return first
    }

    /// The mechanisms the token in `slotID` offers, with their flags.
    public func mechanisms(slotID: UInt) throws -> [PKCS11MechanismInfo] {
        try withLock {
            var count: CK_ULONG = 0
            try PKCS11Error.check("C_GetMechanismList", functions.C_GetMechanismList(CK_SLOT_ID(slotID), nil, &count))
            var types = [CK_MECHANISM_TYPE](repeating: 0, count: Int(count))
            try PKCS11Error.check("C_GetMechanismList", functions.C_GetMechanismList(CK_SLOT_ID(slotID), &types, &count))
            return try types.prefix(Int(count)).map { type in
                var info = CK_MECHANISM_INFO()
                try PKCS11Error.check("C_GetMechanismInfo", functions.C_GetMechanismInfo(CK_SLOT_ID(slotID), type, &info))
                return PKCS11MechanismInfo(
                    type: UInt(type), minimumKeySize: UInt(info.ulMinKeySize), maximumKeySize: UInt(info.ulMaxKeySize),
                    flags: UInt(info.flags))
            }
        }
    }

    /// Opens a read-write session on the token matching `selector`.
    public func openSession(_ selector: TokenSelector) throws -> PKCS11Session {
        let token = try token(selector)
        return try PKCS11Session(module: self, token: token)
    }
}

/// Text fields of PKCS#11 structures: fixed-size, blank-padded UTF-8.
enum PKCS11Text {
    static func blankPadded<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            var bytes = Array(raw)
            while let last = bytes.last, last == 0x20 || last == 0 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
