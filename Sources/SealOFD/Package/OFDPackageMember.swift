/// One file of an OFD package being written: its path in the package and its exact bytes.
public struct OFDPackageMember: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
