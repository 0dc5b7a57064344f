internal import COpenSSL
import Foundation

/// Reads X.509 values out of OpenSSL objects into Swift values.
enum X509Values {
    /// The attributes of an `X509_NAME`, in order, values as UTF-8.
    static func distinguishedName(_ name: OpaquePointer) -> DistinguishedName {
        var attributes: [DistinguishedName.Attribute] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index) else { continue }
            let nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry))
            let type: String
            if nid != NID_undef, let short = OBJ_nid2sn(nid) {
                type = String(cString: short)
            } else {
                var buffer = [CChar](repeating: 0, count: 128)
                let length = OBJ_obj2txt(&buffer, Int32(buffer.count), X509_NAME_ENTRY_get_object(entry), 1)
                type = String(decoding: buffer.prefix(Int(max(length, 0))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            var utf8: UnsafeMutablePointer<UInt8>? = nil
            let length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry))
            var value = ""
            if length >= 0, let utf8 {
                value = String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
                COpenSSL_free(utf8)
            }
            attributes.append(.init(type: type, value: value))
        }
        return DistinguishedName(attributes)
    }

    /// A new `X509_NAME` with `name`'s attributes (caller frees).
    static func makeName(_ name: DistinguishedName) throws -> OpaquePointer {
        guard !name.attributes.isEmpty else {
            throw SealCryptoError.invalidDistinguishedName(reason: "the name has no attributes")
        }
        guard let x509Name = X509_NAME_new() else { throw SealCryptoError.openSSLFailure("X509_NAME_new") }
        for attribute in name.attributes {
            let added = X509_NAME_add_entry_by_txt(x509Name, attribute.type, MBSTRING_UTF8, attribute.value, -1, -1, 0)
            guard added == 1 else {
                let refused = OpenSSLErrorStack.refusal("attribute \(attribute.type)=\(attribute.value) was refused (an unknown attribute type, or a value it does not allow)")
                X509_NAME_free(x509Name)
                throw SealCryptoError.invalidDistinguishedName(reason: refused)
            }
        }
        return x509Name
    }

    /// The DER of an `X509_NAME`, for exact comparisons.
    static func nameDER(_ name: OpaquePointer) throws -> [UInt8] {
        try derEncode("i2d_X509_NAME") { i2d_X509_NAME(name, $0) }
    }

    /// An `ASN1_TIME` as a `Date`.
    static func date(_ time: UnsafePointer<ASN1_TIME>?) throws -> Date {
        var components = tm()
        guard let time, ASN1_TIME_to_tm(time, &components) == 1 else {
            throw SealCryptoError.malformedCertificate(reason: "unreadable validity time")
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&components)))
    }

    /// The bytes of an `ASN1_OCTET_STRING` (or any `ASN1_STRING`).
    static func bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8]? {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    /// An `ASN1_INTEGER` as big-endian unsigned bytes.
    static func integerBytes(_ integer: UnsafePointer<ASN1_INTEGER>?) throws -> [UInt8] {
        guard let integer, let bignum = ASN1_INTEGER_to_BN(integer, nil) else {
            throw SealCryptoError.malformedCertificate(reason: "unreadable serial number")
        }
        defer { BN_free(bignum) }
        var out = [UInt8](repeating: 0, count: Int((BN_num_bits(bignum) + 7) / 8))
        _ = BN_bn2bin(bignum, &out)
        return out
    }
}
