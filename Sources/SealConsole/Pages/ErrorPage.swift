/// What the error page shows.
struct ErrorPage: Sendable {
    let title: String
    let message: String
}
