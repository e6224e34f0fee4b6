import Foundation
import RiskgateAudit
import Testing

/// One way of tampering with a six-entry log, and what `verify` must say about it.
struct Tampering: CustomStringConvertible, Sendable {
    var description: String
    var kind: AuditProblem.Kind
    /// Rewrites the lines (and may use the entries as appended).
    var edit: @Sendable (inout [String], [AuditEntry]) -> Void
    /// The expected message, given the log's path.
    var message: @Sendable (String) -> String
}

@Suite("Tampering is detected and located")
struct AuditTamperTests {
    static let tamperings: [Tampering] = [
        Tampering(
            description: "edit a field", kind: .altered,
            edit: { lines, _ in lines[2] = lines[2].replacingOccurrences(of: #""decision":"block""#, with: #""decision":"allow""#) },
            message: { "\($0):3: entry #3 was altered: its content does not match its hash" }),
        Tampering(
            description: "edit a field and recompute its hash", kind: .altered,
            edit: { lines, entries in
                var draft = entries[2].draft
                draft.actor = "mallory"
                let forged = AuditChain.seal(draft, seq: 3, prev: entries[1].hash, recovered: nil)
                lines[2] = Self.line(forged)
            },
            message: { "\($0):3: entry #3 was altered and re-hashed, or entry #4 at \($0):4 was replaced: the chain breaks between them" }),
        Tampering(
            description: "reformat a line (same content, not canonical)", kind: .altered,
            edit: { lines, _ in lines[2] = lines[2].replacingOccurrences(of: #","seq":"#, with: #", "seq":"#) },
            message: { "\($0):3: entry #3 was altered: the line is not in canonical form" }),
        Tampering(
            description: "break a line's syntax", kind: .altered,
            edit: { lines, _ in lines[2] = String(lines[2].dropLast()) },
            message: { "\($0):3: line was altered: it is not a valid entry (expected `}` at byte \(Self.length($0, line: 3)))" }),
        Tampering(
            description: "delete a line", kind: .removed,
            edit: { lines, _ in lines.remove(at: 2) },
            message: { "\($0):3: entry #3 was removed: this line holds entry #4, whose previous entry is not in the log" }),
        Tampering(
            description: "delete two lines", kind: .removed,
            edit: { lines, _ in lines.removeSubrange(2...3) },
            message: { "\($0):3: entries #3 to #4 were removed: this line holds entry #5, whose previous entry is not in the log" }),
        Tampering(
            description: "delete the first line", kind: .removed,
            edit: { lines, _ in lines.removeFirst() },
            message: { "\($0):1: entry #1 was removed: this line holds entry #2, whose previous entry is not in the log" }),
        Tampering(
            description: "insert a copy of a line", kind: .inserted,
            edit: { lines, _ in lines.insert(lines[1], at: 4) },
            message: { "\($0):5: entry #2 was inserted: it is a copy of \($0):2" }),
        Tampering(
            description: "insert a forged entry that chains correctly", kind: .inserted,
            edit: { lines, entries in
                let forged = AuditChain.seal(AuditFixtures.draft(99, decision: .allow), seq: 4, prev: entries[2].hash, recovered: nil)
                lines.insert(Self.line(forged), at: 3)
            },
            message: { "\($0):4: entry #4 was inserted: \($0):5 chains to \($0):3" }),
        Tampering(
            description: "insert a forged entry with a made-up hash", kind: .inserted,
            edit: { lines, entries in
                var forged = AuditChain.seal(AuditFixtures.draft(99, decision: .allow), seq: 4, prev: entries[2].hash, recovered: nil)
                forged.hash = String(repeating: "a", count: 64)
                lines.insert(Self.line(forged), at: 3)
            },
            message: { "\($0):4: entry #4 was inserted: its hash does not match its content and the next entry chains over it" }),
        Tampering(
            description: "insert a line that is not an entry", kind: .inserted,
            edit: { lines, _ in lines.insert("approved by admin", at: 3) },
            message: { "\($0):4: a line was inserted: it is not a valid entry (unexpected character at byte 1) and the next entry chains over it" }),
        Tampering(
            description: "swap two lines", kind: .reordered,
            edit: { lines, _ in lines.swapAt(2, 3) },
            message: { "\($0):3: entry #4 is out of order: entry #3, expected here, is at \($0):4" }),
        Tampering(
            description: "move a line to the end", kind: .reordered,
            edit: { lines, _ in lines.append(lines.remove(at: 1)) },
            message: { "\($0):2: entry #3 is out of order: entry #2, expected here, is at \($0):6" }),
        Tampering(
            description: "truncate the last line", kind: .truncatedTail,
            edit: { lines, _ in lines[5] = String(lines[5].prefix(100)) },
            message: { "\($0):6: truncated tail: the last line has no newline (100 bytes); the next append closes and records it" }),
    ]

    static func line(_ entry: AuditEntry) -> String {
        String(decoding: AuditRecordCoding.line(for: .entry(entry)).dropLast(), as: UTF8.self)
    }

    /// Length of a line in the tampered file (for parser messages that quote a byte offset).
    static func length(_ path: String, line: Int) -> Int {
        ((try? AuditFixtures.lines(path)) ?? [])[line - 1].utf8.count + 1
    }

    @Test("verify names the first bad entry with an exact message", arguments: tamperings)
    func detects(_ tampering: Tampering) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 6)
        var lines = try AuditFixtures.lines(path)
        tampering.edit(&lines, entries)
        let truncated = tampering.kind == .truncatedTail
        try AuditFixtures.write(lines, to: path, finalNewline: !truncated)

        let result = try AuditVerifier.verify(paths: [path])
        #expect(!result.isIntact)
        #expect(result.problems.map(\.description) == [tampering.message(path)])
        #expect(result.problems.first?.kind == tampering.kind)
    }

    @Test("verify on the command line exits 1 and prints the problem on stderr", arguments: tamperings.prefix(6))
    func commandLine(_ tampering: Tampering) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 6)
        var lines = try AuditFixtures.lines(path)
        tampering.edit(&lines, entries)
        try AuditFixtures.write(lines, to: path)
        let result = try RiskgateBinaryRunner.audit(["verify", "--path", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(tampering.message(path))\naudit log NOT intact (1 file checked)\n")
    }

    @Test("an intact log verifies with exit 0 and can print its head for anchoring")
    func intact() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 6)
        let verify = try RiskgateBinaryRunner.audit(["verify", "--path", path])
        #expect(verify.status == 0)
        #expect(verify.stdout == "audit log intact: 6 records in 1 file, head #6 \(entries[5].hash)\n")
        let head = try RiskgateBinaryRunner.audit(["verify", "--path", path, "--print-head"])
        #expect(head.status == 0)
        #expect(head.stdout == "6 \(entries[5].hash)\n")
    }

    @Test("removing the newest entries leaves a valid chain: only an anchored head reveals it")
    func tailRemoval() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 6)
        var lines = try AuditFixtures.lines(path)
        lines.removeLast(2)
        try AuditFixtures.write(lines, to: path)
        let result = try AuditVerifier.verify(paths: [path])
        #expect(result.isIntact)
        #expect(result.head == AuditHead(seq: 4, hash: entries[3].hash))
        #expect(result.head != AuditHead(seq: 6, hash: entries[5].hash))

        let anchored = try AuditVerifier.verify(paths: [path], anchors: [AuditHead(seq: 6, hash: entries[5].hash)])
        #expect(anchored.problems.map(\.description) == [
            "\(path):4: entry #6, anchored as \(entries[5].hash), is missing: the log ends at entry #4 (entries were removed from its end)"
        ])
        let cli = try RiskgateBinaryRunner.audit(["verify", "--path", path, "--anchor", "6 \(entries[5].hash)"])
        #expect(cli.status == 1)
        #expect(cli.stderr.hasPrefix("\(path):4: entry #6, anchored as"))
    }

    @Test("a log rewritten whole (every hash recomputed) is caught by an older anchor")
    func rewrittenWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 4)
        let anchor = AuditHead(seq: 3, hash: entries[2].hash)
        try FileManager.default.removeItem(atPath: path)
        let log = AuditLog(path: path)
        for number in 1...5 { try log.append(AuditFixtures.draft(number, decision: .allow)) }
        #expect(try AuditVerifier.verify(paths: [path]).isIntact)
        let result = try AuditVerifier.verify(paths: [path], anchors: [anchor])
        #expect(result.problems.map(\.description) == [
            "\(path):3: entry #3 does not match its anchor \(entries[2].hash): the log was rewritten up to here"
        ])
    }
}
