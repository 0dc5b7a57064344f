import Foundation

/// The console's long-running jobs, kept in memory while the server runs; each runs on the registry work queue and
/// reports its progress here, so pages stay responsive while it works.
actor ConsoleJobs {
    private var jobs: [String: ConsoleJob] = [:]

    /// Starts `body` as a new job of `ownerID`; returns its id at once.
    func start(
        title: String, ownerID: Int64, phase: String, now: Date, work: RegistryWork,
        _ body: @escaping @Sendable (JobProgress) throws -> (summary: [String], files: [ConsoleJob.File])
    ) throws -> String {
        let id = try SessionStore.randomToken()
        jobs[id] = ConsoleJob(id: id, ownerID: ownerID, title: title, startedAt: now, phase: phase)
        let progress = JobProgress(jobs: self, id: id)
        Task {
            do {
                let result = try await work.run { try body(progress) }
                self.finish(id, summary: result.summary, files: result.files)
            } catch {
                self.fail(id, ConsoleMessage.sentence(for: (error as? StationRefusal)?.underlying ?? error))
            }
        }
        return id
    }

    /// Job `id` if `ownerID` started it.
    func job(_ id: String, ownerID: Int64) -> ConsoleJob? {
        guard let job = jobs[id], job.ownerID == ownerID else { return nil }
        return job
    }

    func update(_ id: String, phase: String?, done: Int, total: Int) {
        guard var job = jobs[id], job.state == .running else { return }
        if let phase { job.phase = phase }
        job.done = done
        job.total = total
        jobs[id] = job
    }

    private func finish(_ id: String, summary: [String], files: [ConsoleJob.File]) {
        jobs[id]?.state = .finished
        jobs[id]?.summary = summary
        jobs[id]?.files = files
        jobs[id]?.phase = "已完成"
    }

    private func fail(_ id: String, _ sentence: String) {
        jobs[id]?.state = .failed(sentence)
        jobs[id]?.phase = "失败"
    }
}

/// What a running job calls to report its progress (from the work queue; the update is sent to the actor).
struct JobProgress: Sendable {
    let jobs: ConsoleJobs
    let id: String

    func report(phase: String? = nil, done: Int = 0, total: Int = 0) {
        let (jobs, id) = (jobs, id)
        Task { await jobs.update(id, phase: phase, done: done, total: total) }
    }
}
