public import Foundation

/// Finds the data shipped with the program: a flag, an environment variable, the install prefix, and for a build that
/// is not installed the package's resources — never the current directory, never a source path.
public struct DataResolver: Sendable {
    /// The process environment (injected in tests).
    public var environment: [String: String]
    /// The running executable, whose `../share/sealstation` is the install prefix's data.
    public var executable: URL?
    /// The package's resource directory, nil in an installed build (which carries no resources and no build path).
    public var packageResources: URL?

    /// A resolver over an explicit environment, executable path and resource directory (tests; `current` otherwise).
    public init(environment: [String: String], executable: URL?, packageResources: URL?) {
        self.environment = environment
        self.executable = executable
        self.packageResources = packageResources
    }

    /// The resolver of this process.
    public static var current: DataResolver {
        DataResolver(environment: ProcessInfo.processInfo.environment, executable: runningExecutable, packageResources: bundledResources)
    }

    /// The real path of the running program (symbolic links resolved, so a link in `/usr/local/bin` still finds the
    /// data of the tree the program was installed in).
    public static var runningExecutable: URL? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// The package's resource directory in a build that is not installed: SwiftPM's resource bundle beside the
    /// executable (`Bundle.module`); nil in an installed build. `Bundle.module`'s accessor stops the process when the
    /// bundle is missing (a debug binary copied elsewhere), so it is asked only when the bundle is there; otherwise
    /// the expected place is returned, and `locate` reports it as looked at and not there.
    static var bundledResources: URL? {
        #if SEALSTATION_PACKAGE_BUILD
        return nil
        #else
        let beside = Bundle.main.bundleURL.appendingPathComponent("SealStation_SealResources.resources")
        guard FileManager.default.fileExists(atPath: beside.path) else { return beside }
        return Bundle.module.resourceURL
        #endif
    }

    /// Finds `item`; `flag` is the value of its command-line flag, if given (relative paths are the user's own, taken
    /// from where the command was started).
    /// - Throws: `DataResolutionError` naming every place looked at.
    public func locate(_ item: ShippedData, flag: String? = nil) throws -> DataLocation {
        if let flag {
            guard !flag.isEmpty else {
                throw DataResolutionError.namedButMissing(item: item, place: .init(path: "\"\"", rule: .flag, problem: "an empty path"))
            }
            return try named(item, path: flag, rule: .flag)
        }
        if let value = environment[item.environmentVariable], !value.isEmpty {
            // A variable outlives the directory it was set in: a relative value would depend on where a command runs.
            guard value.hasPrefix("/") else {
                throw DataResolutionError.namedButMissing(
                    item: item, place: .init(path: value, rule: .environment, problem: "not an absolute path"))
            }
            return try named(item, path: value, rule: .environment)
        }
        var searched: [DataResolutionError.Place] = []
        if let executable {
            let prefix = executable.deletingLastPathComponent().deletingLastPathComponent()
            let url = prefix.appendingPathComponent(item.installedPath)
            if let problem = Self.problem(item, at: url) {
                searched.append(.init(path: url.path, rule: .installPrefix, problem: problem))
            } else {
                return DataLocation(item: item, url: url, source: .installPrefix)
            }
        } else {
            searched.append(.init(path: "<directory of the executable>/../\(item.installedPath)", rule: .installPrefix,
                                  problem: "the running executable's path is unknown"))
        }
        if let packageResources {
            let url = packageResources.appendingPathComponent(item.resourcePath)
            if let problem = Self.problem(item, at: url) {
                searched.append(.init(path: url.path, rule: .packageResources, problem: problem))
            } else {
                return DataLocation(item: item, url: url, source: .packageResources)
            }
        }
        throw DataResolutionError.notFound(item: item, searched: searched)
    }

    /// The templates directory (see `locate`).
    /// - Throws: `DataResolutionError` naming every place looked at.
    public func templates(flag: String? = nil) throws -> URL { try locate(.templates, flag: flag).url }

    /// The vendor profile file (see `locate`).
    /// - Throws: `DataResolutionError` naming every place looked at.
    public func vendorProfiles(flag: String? = nil) throws -> URL { try locate(.vendorProfiles, flag: flag).url }

    /// The console's templates and style sheet (see `locate`).
    /// - Throws: `DataResolutionError` naming every place looked at.
    public func console(flag: String? = nil) throws -> URL { try locate(.console, flag: flag).url }

    private func named(_ item: ShippedData, path: String, rule: DataLocation.Source) throws -> DataLocation {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let problem = Self.problem(item, at: url) {
            throw DataResolutionError.namedButMissing(item: item, place: .init(path: url.path, rule: rule, problem: problem))
        }
        return DataLocation(item: item, url: url, source: rule)
    }

    /// Nil when `url` holds `item` in the right form, else what is wrong.
    static func problem(_ item: ShippedData, at url: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "not there" }
        if item.isDirectory != isDirectory.boolValue { return item.isDirectory ? "not a directory" : "a directory, not a file" }
        return FileManager.default.isReadableFile(atPath: url.path) ? nil : "not readable"
    }
}
