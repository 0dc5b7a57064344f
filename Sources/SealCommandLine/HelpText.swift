public import ArgumentParser
import Foundation

/// Help as ArgumentParser renders it (paragraphs wrapped to the terminal), except that every example command stays
/// on one line, so it can be copied and pasted whole. An example is a discussion line that starts with the program's
/// command name (`sealstation …`, `sealfiling …`).
public enum HelpText {
    /// When `error` is a help request for `root` or one of its commands, prints its help with the examples unwrapped
    /// and exits 0.
    public static func printIfHelp(_ error: any Error, root: any ParsableCommand.Type) {
        guard root.exitCode(for: error) == .success else { return }
        let text = root.fullMessage(for: error)
        guard !text.isEmpty else { return }
        print(unwrappingExamples(text, program: program(root), examples: examples(of: root)))
        root.exit(withError: ExitCode.success)
    }

    /// Every example line of every command under `root`.
    public static func examples(of root: any ParsableCommand.Type) -> Set<String> {
        let prefix = program(root) + " "
        var found: Set<String> = []
        var pending: [any ParsableCommand.Type] = [root]
        while let command = pending.popLast() {
            pending += command.configuration.subcommands
            for line in command.configuration.discussion.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix(prefix) { found.insert(trimmed) }
            }
        }
        return found
    }

    /// `text` with each example that the wrapping split over several lines joined back onto its first line.
    public static func unwrappingExamples(_ text: String, program: String, examples: Set<String>) -> String {
        var lines = text.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let head = lines[index].trimmingCharacters(in: .whitespaces)
            if head.hasPrefix(program + " "), examples.contains(where: { $0.hasPrefix(head + " ") }) {
                // The longest example the following lines complete (one example may begin another).
                var joined = head, end = index, best: Int?
                while end + 1 < lines.count, examples.contains(where: { $0.hasPrefix(joined + " ") }) {
                    end += 1
                    joined += " " + lines[end].trimmingCharacters(in: .whitespaces)
                    if examples.contains(joined) { best = end }
                }
                if let best {
                    let indent = lines[index].prefix { $0 == " " }
                    let whole = lines[index...best].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                    lines.replaceSubrange(index...best, with: [indent + whole])
                }
            }
            index += 1
        }
        return lines.joined(separator: "\n")
    }

    /// The program's command name (`commandName`, else the type's name in lower case).
    private static func program(_ root: any ParsableCommand.Type) -> String {
        root.configuration.commandName ?? String(describing: root).lowercased()
    }
}
