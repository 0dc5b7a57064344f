public import Foundation
public import SealCrypto
import Yams

/// How SealStation reaches one key algorithm on one family of PKCS#11 modules: key type, mechanisms, the input the
/// signing mechanism expects and the encoding of what it returns. Read from `Templates/pkcs11/vendors.yaml`.
public struct VendorProfile: Decodable, Sendable, Equatable {
    /// The mechanism codes and conventions for one key algorithm.
    public struct Mechanisms: Decodable, Sendable, Equatable {
        /// What the signing mechanism takes.
        public enum Input: String, Decodable, Sendable {
            /// The host hashes: SHA-256(M) for P-256, e = SM3(Z‖M) with ID 1234567812345678 for SM2.
            case digest
            /// The token hashes the message itself (P-256 only).
            case message
        }
        /// How the token returns a signature.
        public enum Encoding: String, Decodable, Sendable {
            /// r‖s, 32 bytes each (the PKCS#11 convention for ECDSA).
            case raw
            /// DER SEQUENCE{r, s} (X9.62).
            case der
        }

        public var keyType: UInt
        public var keyPairGeneration: UInt
        public var sign: UInt
        /// DER of the namedCurve OID for CKA_EC_PARAMS.
        public var curve: [UInt8]
        public var input: Input
        public var signature: Encoding

        enum CodingKeys: String, CodingKey { case keyType, keyPairGeneration, sign, curve, input, signature }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func code(_ key: CodingKeys) throws -> UInt {
                let text = try container.decode(String.self, forKey: key)
                let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
                guard let value = UInt(digits, radix: 16) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container, debugDescription: "'\(text)' is not a hexadecimal PKCS#11 code")
                }
                return value
            }
            keyType = try code(.keyType)
            keyPairGeneration = try code(.keyPairGeneration)
            sign = try code(.sign)
            let curveText = try container.decode(String.self, forKey: .curve)
            guard let curve = Hex.decode(curveText), curve.first == 0x06 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .curve, in: container, debugDescription: "'\(curveText)' is not the DER of a curve OID")
            }
            self.curve = curve
            input = try container.decode(Input.self, forKey: .input)
            signature = try container.decode(Encoding.self, forKey: .signature)
        }
    }

    /// Which modules a profile applies to; every field given must match (case-insensitive substrings).
    public struct Match: Decodable, Sendable, Equatable {
        public var library: String?
        public var manufacturer: String?

        func matches(path: String, manufacturer moduleManufacturer: String) -> Bool {
            guard library != nil || manufacturer != nil else { return false }
            let file = (path as NSString).lastPathComponent.lowercased()
            if let library, !file.contains(library.lowercased()) { return false }
            if let manufacturer, !moduleManufacturer.lowercased().contains(manufacturer.lowercased()) { return false }
            return true
        }
    }

    public var id: String
    public var description: String
    public var match: Match
    /// True for entries that exist only to exercise the mapping on a test token.
    public var testOnly: Bool?
    public var sm2: Mechanisms?
    public var p256: Mechanisms?
    /// SM3 of the vendor profile file this profile was read from (what a station pins); nil for a profile made in code.
    public internal(set) var sourceSM3: [UInt8]?
    /// The path of that file.
    public internal(set) var sourcePath: String?

    enum CodingKeys: String, CodingKey { case id, description, match, testOnly, sm2, p256 }

    /// The mechanisms for `algorithm`, if the profile offers it.
    public func mechanisms(for algorithm: KeyAlgorithm) -> Mechanisms? {
        switch algorithm {
        case .sm2: return sm2
        case .p256: return p256
        }
    }
}

/// Every vendor profile of a `vendors.yaml`.
public struct VendorProfileTable: Decodable, Sendable {
    public var profiles: [VendorProfile]
    /// The file read.
    public private(set) var source: URL?
    /// The SM3 of the bytes read (what a station pins).
    public private(set) var sourceSM3: [UInt8] = []

    enum CodingKeys: String, CodingKey { case profiles }

    /// Reads a profile table; errors name the file and the problem.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PKCS11Error.vendorProfiles(path: url.path, reason: "not readable")
        }
        do {
            self = try YAMLDecoder().decode(VendorProfileTable.self, from: data)
        } catch {
            throw PKCS11Error.vendorProfiles(path: url.path, reason: "\(error)")
        }
        source = url
        sourceSM3 = try SM3.hash(Array(data))
        profiles = profiles.map { profile in
            var profile = profile
            profile.sourceSM3 = sourceSM3
            profile.sourcePath = url.path
            return profile
        }
        var seen = Set<String>()
        for profile in profiles where !seen.insert(profile.id).inserted {
            throw PKCS11Error.vendorProfiles(path: url.path, reason: "profile id '\(profile.id)' appears twice")
        }
    }

    /// The profile named `id`.
    public func profile(_ id: String) throws -> VendorProfile {
        guard let profile = profiles.first(where: { $0.id == id }) else {
            throw PKCS11Error.unknownVendorProfile(id: id, available: profiles.map(\.id))
        }
        return profile
    }

    /// The first non-test profile that matches a module, or nil.
    public func profile(for module: PKCS11ModuleInfo) -> VendorProfile? {
        profiles.first { $0.testOnly != true && $0.match.matches(path: module.path, manufacturer: module.manufacturer) }
    }
}
