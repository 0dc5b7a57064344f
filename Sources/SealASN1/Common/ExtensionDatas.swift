public import SwiftASN1

// ExtensionDatas ::= SEQUENCE SIZE (0..MAX) OF ExtData       GM/T 0031-2014 §6.1.1; GB/T 38540-2020
/// 自定义数据: the vendor extensions of a seal (untagged in SES_SealInfo) or of a TBS_Sign ([0] EXPLICIT).
public struct ExtensionDatas: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var items: [ExtData]

    public init(_ items: [ExtData]) { self.items = items }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self.items = try parsing("ExtensionDatas") {
            try DER.sequence(of: ExtData.self, identifier: identifier, rootNode: rootNode)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.serializeSequenceOf(items, identifier: identifier)
    }

    /// Deviations of these extensions from DER (explicit `critical FALSE`).
    public func deviations(in structure: String) -> [SESDeviation] {
        items.filter(\.encodesDefaultCritical).map {
            SESDeviation(field: "\(structure).ExtData \($0.extnID)", detail: "critical FALSE is encoded although it is the DEFAULT")
        }
    }
}
