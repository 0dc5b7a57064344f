/// Shipped data that could not be found: the error names every place that was looked at.
public enum DataResolutionError: Error, Equatable, Sendable {
    /// One place looked at, and what was wrong with it.
    public struct Place: Sendable, Equatable, CustomStringConvertible {
        /// The path looked at.
        public let path: String
        /// The rule that named it.
        public let rule: DataLocation.Source
        /// What was wrong with it ("not there", "not a directory"…).
        public let problem: String

        /// A place `rule` named at `path`, with its `problem`.
        public init(path: String, rule: DataLocation.Source, problem: String) {
            self.path = path
            self.rule = rule
            self.problem = problem
        }

        public var description: String { "\(path) (\(rule.rawValue)): \(problem)" }
    }

    /// The flag or environment variable names something that is not there: nothing else is tried, since a setting
    /// the user made must not be replaced silently by another.
    case namedButMissing(item: ShippedData, place: Place)
    /// Nothing found in any of the places.
    case notFound(item: ShippedData, searched: [Place])
}

extension DataResolutionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .namedButMissing(let item, let place):
            let setting = place.rule == .flag ? item.flag : item.environmentVariable
            return "the \(item.title) named by \(setting) is not usable: \(place)"
        case .notFound(let item, let searched):
            return "no \(item.title) found (give \(item.flag) or set \(item.environmentVariable)); looked at:\n"
                + searched.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
