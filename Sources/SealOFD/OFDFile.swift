public import Foundation

/// An OFD file read for verification: the guarded package, its OFD.xml and, for every DocBody, the document (pages)
/// and its signature list. Nothing is rendered and no signature is checked here.
public struct OFDFile: Sendable {
    /// One DocBody with what it points to.
    public struct Body: Sendable, Equatable {
        public var docBody: DocBody
        public var document: OFDDocument
        /// The Signatures.xml, when the DocBody declares one.
        public var signatures: OFDSignatures?
    }

    public let package: OFDPackage
    public let entry: OFDEntry
    /// One per DocBody, in order; verifiers use the first, as readers do.
    public let bodies: [Body]

    /// Reads the OFD file at `url`.
    /// - Throws: ``OFDPackageError``, ``OFDXMLError`` or ``OFDStructureError`` naming the member.
    public init(contentsOf url: URL, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        try self.init(try OFDPackage(contentsOf: url, limits: limits), limits: limits)
    }

    /// Reads the structure of an already read `package`.
    public init(_ package: OFDPackage, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        self.package = package
        entry = try OFDEntry(package, limits: limits)
        bodies = try entry.docBodies.map { body in
            Body(
                docBody: body, document: try OFDDocument(package, docRoot: body.docRoot, limits: limits),
                signatures: try body.signatures.map { try OFDSignatures(package, location: $0, limits: limits) })
        }
    }
}
