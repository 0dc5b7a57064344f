internal import CPKCS11

/// A `CK_ATTRIBUTE` array whose value buffers this object owns; the buffers are zeroed and freed in `deinit`.
final class AttributeTemplate {
    private(set) var attributes: [CK_ATTRIBUTE] = []
    private var buffers: [(pointer: UnsafeMutableRawPointer, count: Int)] = []

    init(_ values: [PKCS11Attribute]) {
        for value in values { append(value) }
    }

    private func append(_ value: PKCS11Attribute) {
        let bytes = value.encoded
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
        buffers.append((pointer, bytes.count))
        attributes.append(CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(value.type), pValue: pointer, ulValueLen: CK_ULONG(bytes.count)))
    }

    deinit {
        for buffer in buffers {
            buffer.pointer.initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count)
            buffer.pointer.deallocate()
        }
    }
}

/// One attribute of a PKCS#11 object template, in Swift terms.
public struct PKCS11Attribute: Sendable, Equatable {
    /// The `CKA_` code.
    public var type: UInt
    /// The value as the module expects it in memory (CK_BBOOL one byte, CK_ULONG native width, byte arrays as is).
    public var encoded: [UInt8]

    public init(type: UInt, bytes: [UInt8]) {
        self.type = type
        self.encoded = bytes
    }

    public init(type: UInt, bool: Bool) {
        self.init(type: type, bytes: [bool ? 1 : 0])
    }

    public init(type: UInt, ulong: UInt) {
        self.init(type: type, bytes: withUnsafeBytes(of: CK_ULONG(ulong)) { Array($0) })
    }

    public init(type: UInt, string: String) {
        self.init(type: type, bytes: Array(string.utf8))
    }
}

/// The attribute, class, key-type and mechanism codes SealStation uses (PKCS#11 2.40), as plain integers.
public enum PKCS11Code {
    public static let classAttribute = UInt(CKA_CLASS)
    public static let token = UInt(CKA_TOKEN)
    public static let `private` = UInt(CKA_PRIVATE)
    public static let label = UInt(CKA_LABEL)
    public static let application = UInt(CKA_APPLICATION)
    public static let value = UInt(CKA_VALUE)
    public static let certificateType = UInt(CKA_CERTIFICATE_TYPE)
    public static let subject = UInt(CKA_SUBJECT)
    public static let issuer = UInt(CKA_ISSUER)
    public static let serialNumber = UInt(CKA_SERIAL_NUMBER)
    public static let keyType = UInt(CKA_KEY_TYPE)
    public static let id = UInt(CKA_ID)
    public static let sensitive = UInt(CKA_SENSITIVE)
    public static let sign = UInt(CKA_SIGN)
    public static let verify = UInt(CKA_VERIFY)
    public static let extractable = UInt(CKA_EXTRACTABLE)
    public static let neverExtractable = UInt(CKA_NEVER_EXTRACTABLE)
    public static let alwaysSensitive = UInt(CKA_ALWAYS_SENSITIVE)
    public static let modifiable = UInt(CKA_MODIFIABLE)
    public static let ecParams = UInt(CKA_EC_PARAMS)
    public static let ecPoint = UInt(CKA_EC_POINT)

    public static let dataClass = UInt(CKO_DATA)
    public static let certificateClass = UInt(CKO_CERTIFICATE)
    public static let publicKeyClass = UInt(CKO_PUBLIC_KEY)
    public static let privateKeyClass = UInt(CKO_PRIVATE_KEY)
    public static let x509Certificate = UInt(CKC_X_509)
    public static let ecKeyType = UInt(CKK_EC)
    public static let ecKeyPairGeneration = UInt(CKM_EC_KEY_PAIR_GEN)
    public static let ecdsa = UInt(CKM_ECDSA)
    public static let ecdsaSHA256 = UInt(CKM_ECDSA_SHA256)
}
