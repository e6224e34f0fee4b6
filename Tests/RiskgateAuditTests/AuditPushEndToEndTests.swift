import Foundation
import RiskgateAudit
import RiskgateTestSupport
import Testing

/// True when the built riskgate has the server hook (the audit trail is written by it).
enum HookAvailability {
    static let preReceive: Bool = {
        // `--help` succeeds even for an unknown subcommand (it prints the root's help), so look for
        // the subcommand's own usage line.
        guard let result = try? RiskgateBinary.run(["hook", "pre-receive", "--help"]) else { return false }
        return result.status == 0 && result.stdout.contains("riskgate hook pre-receive")
    }()
}

@Suite("Concurrent real pushes through the pre-receive hook", .serialized)
struct AuditPushEndToEndTests {
    @Test(
        "20 concurrent git pushes to different branches leave one valid entry each and a chain that verifies",
        .enabled(if: HookAvailability.preReceive, "needs `riskgate hook pre-receive`"))
    func concurrentPushes() throws {
        let count = 20
        let server = try TemporaryRepository(bare: true, name: "server.git")
        let client = try TemporaryRepository(name: "client")
        try client.write("README.md", "payments service\n")
        let base = try client.commit("Initial commit")
        try client.git(["push", "-q", server.path, "main:refs/heads/main"])
        // The hook goes in after main exists, so only the 20 topic pushes pass through it.
        let hook = server.url.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\nexec '\(RiskgateBinary.path)' hook pre-receive\n".utf8).write(to: hook)
        chmod(hook.path, 0o755)
        var tips: [String] = []
        for number in 1...count {
            try client.git(["checkout", "-q", "-b", "topic-\(number)", base])
            try client.write("docs/note-\(number).md", "note \(number)\n")
            tips.append(try client.commit("Add note \(number)"))
        }
        let logPath = server.path + "/riskgate/audit.jsonl"

        // All pushes start together: each waits for the signal file, then pushes one branch.
        let signal = client.url.appendingPathComponent("go").path
        var processes: [(Process, Pipe)] = []
        for number in 1...count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "while [ ! -e \"$0\" ]; do sleep 0.005; done; exec git push -q \"$1\" \"$2\"",
                signal, server.path, "topic-\(number):refs/heads/topic-\(number)",
            ]
            process.currentDirectoryURL = client.url
            var environment = ProcessInfo.processInfo.environment
            environment["GL_USERNAME"] = "pusher-\(number)"
            environment["GIT_CONFIG_NOSYSTEM"] = "1"
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append((process, errors))
        }
        _ = FileManager.default.createFile(atPath: signal, contents: Data())
        for (process, errors) in processes {
            _ = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        }

        let entries = try AuditListing.read(paths: [logPath]).entries
        #expect(entries.count == count)
        for number in 1...count {
            let matching = entries.filter { $0.refs.map(\.ref) == ["refs/heads/topic-\(number)"] }
            #expect(matching.count == 1, "topic-\(number)")
            #expect(matching.first?.actor == "pusher-\(number)")
            #expect(matching.first?.refs.first?.new == tips[number - 1])
            #expect(matching.first?.hook == "pre-receive")
        }
        let result = try AuditVerifier.verify(paths: [logPath])
        #expect(result.isIntact, "\(result.problems)")
        let verify = try RiskgateBinary.run(["audit", "verify"], in: server.url)
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}
