import Mustache

/// One option of a select or radio group on a page: its value, its label, and whether it is chosen.
struct ConsoleChoice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

extension ConsoleChoice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
