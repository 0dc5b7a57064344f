import Foundation

/// Runs `wrk` (Debian's, installed by Scripts/setup) against one console page and reads its report: the latency
/// distribution (`--latency`), requests per second, socket errors, and, through a Lua `response` hook, every response
/// whose status is not 200 (wrk's own "Non-2xx or 3xx" count lets a 303 to the sign-in page pass).
enum Wrk {
    /// One wrk run.
    struct Result: Encodable {
        var path: String
        var requests: Int
        var requestsPerSecond: Double
        var p50MS: Double
        var p75MS: Double
        var p90MS: Double
        var p99MS: Double
        /// Responses whose status was not 200, counted by the Lua hook.
        var non200: Int
        /// wrk's "Non-2xx or 3xx responses" line (0 when absent).
        var non2xxOr3xx: Int
        var socketErrors: Int
    }

    static let statusScript = """
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) non200 = 0 end
        function response(status, headers, body) if status ~= 200 then non200 = non200 + 1 end end
        function done(summary, latency, requests)
          local count = 0
          for _, thread in ipairs(threads) do count = count + thread:get("non200") end
          io.write(string.format("sealstation-non-200: %d\\n", count))
        end
        """

    /// `wrk -t threads -c connections -d seconds --latency` on `url` with `headers`: every request for `path`, or,
    /// with `paths`, each for one of them in turn (each thread starting at a random one).
    static func run(url: String, path: String, paths: [String] = [], headers: [String], threads: Int, connections: Int, seconds: Int,
                    scriptDirectory: URL) throws -> Result {
        let script = scriptDirectory.appendingPathComponent("status.lua")
        var lua = statusScript
        if !paths.isEmpty {
            // Paths are the bench's own (letters, digits, `/?=&`), so they need no escaping in a Lua string.
            // (statusScript ends without a newline)
            lua += "\npaths = {" + paths.map { "\"\($0)\"" }.joined(separator: ",") + "}\n"
                + "next_path = nil\n"
                + "request = function() if next_path == nil then next_path = math.random(#paths) end; "
                + "next_path = next_path % #paths + 1; return wrk.format(nil, paths[next_path]) end\n"
        }
        try Data(lua.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw BenchError.measurementFailed("/usr/bin/wrk is not installed; run Scripts/setup")
        }
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script.path]
        for header in headers { arguments += ["-H", header] }
        process.arguments = arguments + [url + path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try Measure.launch(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchError.measurementFailed("wrk exited with \(process.terminationStatus): \(errorText)\(text)")
        }
        do {
            return try parse(text, path: path)
        } catch {
            // A failing Lua hook is reported on standard error only.
            throw errorText.isEmpty ? error : BenchError.measurementFailed("\(error)\nwrk's standard error:\n\(errorText)")
        }
    }

    /// Reads wrk's text report.
    static func parse(_ text: String, path: String) throws -> Result {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func percentile(_ label: String) throws -> Double {
            guard let line = lines.first(where: { $0.hasPrefix(label + " ") }),
                  let value = line.split(separator: " ", omittingEmptySubsequences: true).last.flatMap({ milliseconds(String($0)) })
            else { throw BenchError.measurementFailed("no \(label) line in wrk's latency distribution:\n\(text)") }
            return value
        }
        func number(after prefix: String) -> Double? {
            lines.first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) }
        }
        guard let requestsLine = lines.first(where: { $0.contains(" requests in ") }),
              let requests = Int(requestsLine.split(separator: " ").first ?? ""),
              let rate = number(after: "Requests/sec:"),
              let non200 = number(after: "sealstation-non-200:")
        else { throw BenchError.measurementFailed("could not read wrk's report:\n\(text)") }
        var socketErrors = 0
        if let line = lines.first(where: { $0.hasPrefix("Socket errors:") }) {
            socketErrors = line.dropFirst("Socket errors:".count).split(separator: ",")
                .compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
        }
        return Result(
            path: path, requests: requests, requestsPerSecond: rate, p50MS: try percentile("50%"), p75MS: try percentile("75%"),
            p90MS: try percentile("90%"), p99MS: try percentile("99%"), non200: Int(non200),
            non2xxOr3xx: Int(number(after: "Non-2xx or 3xx responses:") ?? 0), socketErrors: socketErrors)
    }

    /// `812.00us`, `1.23ms`, `2.01s`, `1.50m` in milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            if let value = Double(text.dropLast(unit.count)) { return value * scale }
        }
        return nil
    }

    /// `wrk -v`'s first line.
    static func version() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = ["-v"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return "wrk" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "wrk"
    }
}
