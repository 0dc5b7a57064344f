public import Foundation

/// Where a piece of shipped data was found, and by which rule.
public struct DataLocation: Sendable, Equatable {
    /// The rule that found it.
    public enum Source: String, Sendable, Equatable {
        case flag
        case environment
        case installPrefix = "install prefix"
        case packageResources = "package resources"
    }

    public let item: ShippedData
    public let url: URL
    public let source: Source

    public init(item: ShippedData, url: URL, source: Source) {
        self.item = item
        self.url = url
        self.source = source
    }
}
