import Mustache

/// Every page of the console: its title, the signed-in officer and the navigation in the header, and the page's own
/// content (templates read it inside `{{#content}}`).
struct ConsolePage<Content: Sendable>: Sendable {
    let title: String
    let officer: Badge?
    let nav: [NavigationLink]
    let content: Content
}

/// The signed-in officer in the page header, with the sign-out form's CSRF token.
struct Badge: Sendable {
    let name: String
    let role: String
    let csrf: String
}

/// Every page reads its frame by name, without reflection.
extension ConsolePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "officer": officer
        case "nav": nav
        case "content": content
        default: nil
        }
    }
}

extension Badge: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "role": role
        case "csrf": csrf
        default: nil
        }
    }
}
