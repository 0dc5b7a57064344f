import Foundation
import CoreFoundation  // timespec (its Glibc definition is attributed to CoreFoundation's clang module)
import CDispatch  // with Hummingbird linked, Glibc's timespec is attributed to CDispatch's clang module instead

/// One measured figure and its reference from the same run.
struct BenchFigure: Encodable {
    var name: String
    var unit: String
    var ours: Double
    var reference: Double
    var ratio: Double
    /// Each round's ratio, when the benchmark alternates ours and the reference in rounds.
    var roundRatios: [Double]? = nil

    init(name: String, unit: String, ours: Double, reference: Double) {
        self.name = name
        self.unit = unit
        self.ours = ours
        self.reference = reference
        self.ratio = ours / reference
    }
}

/// A benchmark's figures, printed as a table or JSON.
struct BenchReport: Encodable {
    var seconds: Int
    /// The reference tool and its version.
    var reference: String
    var figures: [BenchFigure]
    /// Where a seal verification's time goes (`bench seal` only).
    var sealVerifyBreakdown: SealVerifyBreakdown? = nil

    func print(json: Bool) throws {
        if json {
            try Measure.printJSON(self)
            return
        }
        Swift.print("reference: \(reference)" + (seconds > 0 ? ", \(seconds) s per measurement, one thread" : ""))
        let width = max(20, (figures.map(\.name.count).max() ?? 0) + 2)
        Swift.print(Self.pad("measurement", width) + Self.pad("ours", 16) + Self.pad("reference", 16) + "ratio")
        for figure in figures {
            Swift.print(Self.pad(figure.name, width) + Self.pad(Self.format(figure.ours, figure.unit), 16)
                + Self.pad(Self.format(figure.reference, figure.unit), 16) + String(format: "%.3f", figure.ratio)
                + (figure.roundRatios.map { "  (rounds: " + $0.map { String(format: "%.3f", $0) }.joined(separator: ", ") + ")" } ?? ""))
        }
    }

    private static func format(_ value: Double, _ unit: String) -> String { String(format: "%.1f ", value) + unit }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0)
    }
}

/// Timing helpers.
enum Measure {
    /// Operations per second of `body` over about `duration` seconds (batches of 16, monotonic clock).
    static func rate(for duration: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var elapsed: Double = 0
        repeat {
            for _ in 0..<16 { try body() }
            count += 16
            let spent = clock.now - start
            elapsed = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        } while elapsed < duration
        return Double(count) / elapsed
    }

    /// Operations per second of `body` run for about `duration` seconds of wall-clock time, counted as `openssl
    /// speed` counts them: per second of CPU time spent (this thread's user and system time; `openssl speed` divides
    /// by its user time only, so ours is the stricter divisor). On a busy machine wall-clock rates of two programs
    /// measured at different moments are not comparable; CPU-time rates are.
    static func throughput(for duration: Double, _ body: () throws -> Void) throws -> Throughput {
        let clock = ContinuousClock()
        let start = clock.now, cpuStart = threadCPUSeconds()
        var count = 0
        var elapsed: Double = 0
        repeat {
            for _ in 0..<16 { try body() }
            count += 16
            let spent = clock.now - start
            elapsed = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        } while elapsed < duration
        return Throughput(count: count, wallSeconds: elapsed, cpuSeconds: threadCPUSeconds() - cpuStart)
    }

    /// Runs `bodies` in turn, 8 operations of each at a time, for about `duration` seconds of wall-clock time in all,
    /// and returns what each took: parts measured alternately see the same load, so their ratios hold on a busy machine.
    static func alternating(for duration: Double, _ bodies: [() throws -> Void]) throws -> [Throughput] {
        var results = Array(repeating: Throughput(count: 0, wallSeconds: 0, cpuSeconds: 0), count: bodies.count)
        let clock = ContinuousClock()
        let start = clock.now
        repeat {
            for (index, body) in bodies.enumerated() {
                let wallStart = clock.now, cpuStart = threadCPUSeconds()
                for _ in 0..<8 { try body() }
                let spent = clock.now - wallStart
                results[index].count += 8
                results[index].cpuSeconds += threadCPUSeconds() - cpuStart
                results[index].wallSeconds += Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
            }
        } while clock.now - start < .seconds(duration)
        return results
    }

    /// This thread's CPU time (user and system), in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Wall-clock seconds `body` takes (monotonic clock).
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let spent = try ContinuousClock().measure(body)
        return Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
    }

    /// Wall-clock seconds `body` takes, for async work.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let spent = try await ContinuousClock().measure(body)
        return Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
    }

    /// The best of `trials` runs of `body`, in milliseconds of wall-clock time.
    static func bestMilliseconds(trials: Int, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, trials) { times.append(try seconds(body) * 1000) }
        return times.min() ?? 0
    }

    /// The best of `trials` wall-clock times, in milliseconds, of the whole command `arguments` (found on PATH), its
    /// output discarded; a run that exits non-zero is a failed measurement.
    static func bestCommandMilliseconds(_ arguments: [String], trials: Int) throws -> Double {
        try bestMilliseconds(trials: trials) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try Measure.launch(process)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw BenchError.measurementFailed("\(arguments.prefix(3).joined(separator: " ")) failed") }
        }
    }

    /// Starts `process` from a thread of its own with no signal blocked: the commands run as async commands, on
    /// libdispatch's worker threads, which block most signals, and a child inherits its spawning thread's mask —
    /// `openssl speed`, which times itself with SIGALRM, then never ends.
    static func launch(_ process: Process) throws {
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var empty = sigset_t()
            sigemptyset(&empty)
            pthread_sigmask(SIG_SETMASK, &empty, nil)
            do { try process.run() } catch { outcome.error = error }
            done.signal()
        }
        thread.start()
        done.wait()
        if let error = outcome.error { throw error }
    }

    /// The standard output and exit status of `executable` run with `arguments` (standard error discarded).
    static func output(of executable: URL, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try launch(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Prints `value` as pretty, key-sorted JSON (every benchmark's --json output).
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Progress lines on standard error (not with --json).
    static func log(_ json: Bool, _ text: String) {
        if !json { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}

/// Operations counted over a measurement, with the wall-clock and CPU time they took.
struct Throughput: Encodable {
    var count: Int
    var wallSeconds: Double
    var cpuSeconds: Double
    /// Operations per second of CPU time (what `openssl speed` reports).
    var perCPUSecond: Double { Double(count) / cpuSeconds }
    /// Operations per second of wall-clock time.
    var perWallSecond: Double { Double(count) / wallSeconds }
    /// The share of one core the measuring thread got (1 on an idle machine).
    var coreShare: Double { cpuSeconds / wallSeconds }
}
