import Foundation

/// The result of running a process in a test.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

public enum TestFailure: Error, CustomStringConvertible {
    case command(String, ProcessResult)
    case setup(String)

    public var description: String {
        switch self {
        case .command(let command, let result):
            return "`\(command)` exited \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)"
        case .setup(let message): return message
        }
    }
}

/// Runs processes for tests: the real git CLI and the built riskgate binary.
public enum Shell {
    /// Runs `executable` with `arguments` in `directory`, feeding `input` on stdin.
    /// `environment` entries are added to (nil values removed from) the inherited environment.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
        environment: [String: String?] = [:]
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        // Tests must not pick up the developer's identity or hooks.
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = env["GIT_AUTHOR_NAME"] ?? "Test Author"
        env["GIT_AUTHOR_EMAIL"] = env["GIT_AUTHOR_EMAIL"] ?? "author@example.com"
        env["GIT_COMMITTER_NAME"] = env["GIT_COMMITTER_NAME"] ?? "Test Committer"
        env["GIT_COMMITTER_EMAIL"] = env["GIT_COMMITTER_EMAIL"] ?? "committer@example.com"
        for (key, value) in environment { env[key] = value }
        process.environment = env.compactMapValues { $0 }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Read both pipes concurrently so a chatty process never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }
}

/// Where the `riskgate` executable built with the tests lives.
public enum RiskgateBinary {
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["RISKGATE_BINARY"] { return override }
        let testExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testExecutable.deletingLastPathComponent()
        // `swift test` runs <build>/debug/<package>PackageTests.xctest; the tool is beside it.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("riskgate")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            directory = directory.deletingLastPathComponent()
        }
        return "riskgate"
    }

    /// Runs the built riskgate with `arguments` in `directory`.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, input: Data? = nil, environment: [String: String?] = [:]
    ) throws -> ProcessResult {
        try Shell.run(path, arguments, in: directory, input: input, environment: environment)
    }
}
