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
