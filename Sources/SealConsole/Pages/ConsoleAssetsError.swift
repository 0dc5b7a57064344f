/// The console's templates or style sheet could not be read.
public enum ConsoleAssetsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(directory: String, problem: String)
    case missingTemplate(directory: String, name: String)
    /// A template does not start with the line that selects the console's escaping.
    case escapingNotSelected(directory: String, name: String, pragma: String)

    public var description: String {
        switch self {
        case .unreadable(let directory, let problem): return "console assets in \(directory): cannot be read (\(problem))"
        case .missingTemplate(let directory, let name): return "console assets in \(directory): \(name) is missing"
        case .escapingNotSelected(let directory, let name, let pragma):
            return "console assets in \(directory): \(name) does not start with \(pragma), so its values would not be escaped the console's way"
        }
    }
}
