import Foundation
import RiskgateAudit
import RiskgateCore
import RiskgateTestSupport

/// A fresh temporary folder per test, removed when released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

enum AuditFixtures {
    static let zeros = String(repeating: "0", count: 40)

    static func id(_ digit: Int) -> String { String(repeating: String(digit % 10), count: 40) }

    /// A realistic draft; `number` varies every field so entries differ.
    static func draft(_ number: Int, decision: AuditDecision = .block, actor: String? = nil, ref: String? = nil)
        -> AuditEntryDraft
    {
        AuditEntryDraft(
            time: AuditTime(secondsSinceEpoch: 1_795_000_000 + number * 60), toolVersion: "0.1.0",
            rulesDigest: "sha256:5f1c0e9a", actor: actor ?? "alice", via: "GL_USERNAME",
            repository: "/srv/git/payments.git",
            refs: [AuditRefUpdate(ref: ref ?? "refs/heads/feature-\(number)", old: id(number), new: id(number + 1))],
            decision: decision, score: 40 + number, level: .high,
            findings: ["\(id(number + 1)):infra/prod/main.tf:terraform-production"],
            waiver: decision == .waiver ? AuditWaiver(by: "bob", reason: "hotfix for INC-\(number)") : nil,
            hook: "pre-receive")
    }

    /// A log of `count` entries at `path`.
    @discardableResult
    static func log(at path: String, count: Int) throws -> [AuditEntry] {
        let log = AuditLog(path: path)
        return try (1...count).map { try log.append(draft($0)) }
    }

    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func write(_ lines: [String], to path: String, finalNewline: Bool = true) throws {
        let text = lines.joined(separator: "\n") + (finalNewline && !lines.isEmpty ? "\n" : "")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

/// Runs the built `riskgate audit …` as a real process.
enum RiskgateBinaryRunner {
    static func append(path: String, json: String, umask: String = "022") throws -> ProcessResult {
        try Shell.run(
            "/bin/sh", ["-c", "umask \(umask); exec \"$0\" audit append --path \"$1\" --json \"$2\"", RiskgateBinary.path, path, json])
    }

    static func audit(_ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try RiskgateBinary.run(["audit"] + arguments, in: directory)
    }
}
