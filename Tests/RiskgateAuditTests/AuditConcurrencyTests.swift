import Foundation
import RiskgateAudit
import RiskgateTestSupport
import Testing

/// Starts many real `riskgate audit append` processes that wait on one start signal, so they
/// contend for the lock at the same moment, as concurrent pushes do.
enum ConcurrentAppenders {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(count: Int, path: String, folder: TemporaryFolder, extra: [String] = []) throws -> [Outcome] {
        let signal = folder.file("go")
        var processes: [(Process, Pipe, Pipe)] = []
        for number in 1...count {
            let json =
                #"{"rules_digest":"sha256:5f1c0e9a","actor":"pusher-\#(number)","via":"REMOTE_USER","#
                + #""repository":"/srv/git/app.git","refs":[{"ref":"refs/heads/topic-\#(number)","old":"\#(AuditFixtures.zeros)","new":"\#(AuditFixtures.id(number))"}],"#
                + #""decision":"allow","score":\#(number),"level":"low","findings":[],"hook":"pre-receive"}"#
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "while [ ! -e \"$3\" ]; do sleep 0.005; done; exec \"$0\" audit append --path \"$1\" --json \"$2\"",
                RiskgateBinary.path, path, json, signal,
            ]
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            processes.append((process, out, err))
        }
        _ = FileManager.default.createFile(atPath: signal, contents: Data())
        return processes.map { process, out, err in
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Outcome(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }
}

@Suite("Concurrent appends from real processes", .serialized)
struct AuditConcurrencyTests {
    @Test("24 processes appending at once each leave exactly one valid entry and the chain verifies")
    func concurrentAppends() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("git/riskgate/audit.jsonl")
        let count = 24
        let outcomes = try ConcurrentAppenders.run(count: count, path: path, folder: folder)
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.stderr))")

        let bytes = try AuditFixtures.bytes(path)
        #expect(bytes.last == 0x0A)
        let lines = try AuditFixtures.lines(path)
        #expect(lines.count == count)
        // Each process printed the line it appended; each appears exactly once, whole.
        let printed = outcomes.map { $0.stdout.trimmingCharacters(in: .newlines) }
        #expect(Set(printed) == Set(lines))

        let listing = try AuditListing.read(paths: [path])
        #expect(listing.warnings.isEmpty)
        #expect(listing.entries.map(\.seq) == Array(1...count))
        #expect(Set(listing.entries.compactMap(\.actor)) == Set((1...count).map { "pusher-\($0)" }))
        let result = try AuditVerifier.verify(paths: [path])
        #expect(result.isIntact, "\(result.problems)")
        #expect(result.head?.seq == count)
        let cli = try RiskgateBinaryRunner.audit(["verify", "--path", path])
        #expect(cli.status == 0, "\(cli.stderr)")
    }

    @Test("a rotation in the middle of 24 concurrent appends loses nothing and keeps the chain")
    func rotationUnderLoad() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        try AuditFixtures.log(at: path, count: 2)
        let archive = folder.file("audit-archived.jsonl")
        nonisolated(unsafe) var rotation: ProcessResult?
        let rotator = Thread {
            while !FileManager.default.fileExists(atPath: folder.file("go")) { usleep(1_000) }
            usleep(20_000)
            rotation = try? RiskgateBinaryRunner.audit(["rotate", "--path", path, "--archive", archive])
        }
        rotator.start()
        let outcomes = try ConcurrentAppenders.run(count: 24, path: path, folder: folder)
        while rotator.isExecuting || rotation == nil { usleep(10_000) }
        #expect(rotation?.status == 0, "\(rotation?.stderr ?? "")")
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.stderr))")

        let result = try AuditVerifier.verify(paths: [archive, path])
        #expect(result.isIntact, "\(result.problems)")
        // 2 + 24 entries and one rotation marker.
        #expect(result.head?.seq == 27)
        let entries = try AuditListing.read(paths: [archive, path]).entries
        #expect(entries.count == 26)
        #expect(Set(entries.compactMap(\.actor)).count == 25)
    }
}
