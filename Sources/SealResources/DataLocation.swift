public import Foundation

/// Where a piece of shipped data was found, and by which rule.
public struct DataLocation: Sendable, Equatable {
    /// The rules, in the order they are tried.
    public enum Source: String, Sendable, Equatable {
        case flag
        case environment
        case installPrefix = "install prefix"
        case packageResources = "package resources"

        /// True for the data installed with the program (install prefix, package resources), false for data a flag
        /// or a variable named.
        public var isInstalledWithProgram: Bool { self == .installPrefix || self == .packageResources }
    }

    /// What was found.
    public let item: ShippedData
    /// The directory (templates) or file (vendor profiles).
    public let url: URL
    /// The rule that found it.
    public let source: Source

    /// A location found by `source`.
    public init(item: ShippedData, url: URL, source: Source) {
        self.item = item
        self.url = url
        self.source = source
    }
}
