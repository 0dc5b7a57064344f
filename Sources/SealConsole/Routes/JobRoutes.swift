import Foundation
import Hummingbird
import SealRegistry
import SealStation

/// The pages of long jobs (备案 export, 备份): progress while they run, then their files.
extension ConsoleApplication {
    func addJobRoutes(to router: Router<BasicRequestContext>) {
        router.get("/jobs/:id") { request, context in try await jobPage(request, context) }
        router.get("/jobs/:id/files/:index") { request, context in try await jobFile(request, context) }
    }

    private func job(_ request: Request, _ context: BasicRequestContext) async throws -> (SignedIn, ConsoleJob) {
        let signedIn = try await signedIn(request)
        guard let id = context.parameters.get("id"), let job = await jobs.job(id, ownerID: signedIn.officer.id ?? -1) else {
            throw ConsoleRefusal.notFound(what: "这项任务（任务只对发起人可见，控制台重启后不再保留）")
        }
        return (signedIn, job)
    }

    private func jobPage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, job) = try await job(request, context)
        var failure: String?
        if case .failed(let sentence) = job.state { failure = sentence }
        let page = JobPage(
            title: job.title, phase: job.phase, refresh: job.state == .running, counts: job.total > 0, done: job.done, total: job.total,
            elapsed: String(format: "%.0f 秒", now().timeIntervalSince(job.startedAt)), failure: failure, finished: job.state == .finished,
            summary: job.summary,
            files: job.files.enumerated().map { .init(name: $0.element.name, link: "/jobs/\(job.id)/files/\($0.offset)") })
        return self.page("job", job.title, signedIn, path: "", page)
    }

    private func jobFile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (_, job) = try await job(request, context)
        guard let index = context.parameters.get("index", as: Int.self), job.files.indices.contains(index) else {
            throw ConsoleRefusal.notFound(what: "这个文件")
        }
        let file = job.files[index]
        guard let data = FileManager.default.contents(atPath: file.path) else { throw ConsoleRefusal.notFound(what: "文件 \(file.path)") }
        return Self.download(Array(data), filename: file.name, type: file.type)
    }

    /// The directory `name` under the station's own (0700), made when missing: where the console writes what it exports.
    func stationSubdirectory(_ name: String) throws -> URL {
        let url = station.directory.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }
}
