import SealSES

extension DocumentSignatureReport {
    /// Records check `id` (titled `title`) as passed, with why.
    public mutating func pass(_ id: String, _ title: String, _ detail: String) {
        checks.append(.init(id: id, title: title, status: .passed, detail: detail))
    }

    /// Records check `id` as failed, naming the problem.
    public mutating func fail(_ id: String, _ title: String, _ detail: String) {
        checks.append(.init(id: id, title: title, status: .failed, detail: detail))
    }

    /// Records check `id` as not made, with why.
    public mutating func skip(_ id: String, _ title: String, _ detail: String) {
        checks.append(.init(id: id, title: title, status: .skipped, detail: detail))
    }
}
