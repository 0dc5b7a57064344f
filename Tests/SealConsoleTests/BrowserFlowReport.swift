/// The JSON `Scripts/console-flow.py` prints: every step run, in order, and every screenshot saved.
struct BrowserFlowReport: Decodable {
    /// One step of the flow in one officer's browser.
    struct Step: Decodable {
        let name: String
        let officer: String
        let passed: Bool
        let detail: String
        let screenshots: [String]
    }

    let passed: Bool
    let steps: [Step]
    let screenshots: [String]
    /// Set when the script could not start (a missing browser or driver).
    let error: String?
}
