import Foundation
import RiskgateAudit
import RiskgateCore
import Testing

@Suite("Appending to the audit log")
struct AuditLogTests {
    @Test("each entry chains to the one before, from the genesis hash")
    func chain() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("riskgate/audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 5)
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[0].prev == AuditChain.genesis)
        for (previous, next) in zip(entries, entries.dropFirst()) { #expect(next.prev == previous.hash) }
        let lines = try AuditFixtures.lines(path)
        #expect(lines.count == 5)
        let result = try AuditVerifier.verify(paths: [path])
        #expect(result.isIntact)
        #expect(result.head == AuditHead(seq: 5, hash: entries[4].hash))
        #expect(result.records == 5)
    }

    @Test("a line is the canonical JSON of the entry, and its hash covers every other member")
    func lineFormat() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entry = try AuditLog(path: path).append(AuditFixtures.draft(7, decision: .waiver))
        let line = try AuditFixtures.lines(path)[0]
        let expected =
            #"{"actor":"alice","decision":"waiver","findings":["8888888888888888888888888888888888888888:infra/prod/main.tf:terraform-production"],"#
            + #""hash":"\#(entry.hash)","hook":"pre-receive","level":"high","prev":"\#(AuditChain.genesis)","#
            + #""refs":[{"new":"8888888888888888888888888888888888888888","old":"7777777777777777777777777777777777777777","ref":"refs/heads/feature-7"}],"#
            + #""repository":"/srv/git/payments.git","rules_digest":"sha256:5f1c0e9a","score":47,"seq":1,"#
            + #""time":"2026-11-18T11:13:40Z","tool_version":"0.1.0","via":"GL_USERNAME","waiver":{"by":"bob","reason":"hotfix for INC-7"}}"#
        #expect(line == expected)
        let withoutHash = line.replacingOccurrences(of: #""hash":"\#(entry.hash)","#, with: "")
        #expect(AuditChain.sha256Hex(Array(withoutHash.utf8)) == entry.hash)
    }

    @Test("entries read back equal what was appended, optional members included or absent")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let log = AuditLog(path: path)
        var drafts = AuditDecision.allCases.enumerated().map { AuditFixtures.draft($0.offset, decision: $0.element) }
        drafts.append(
            AuditEntryDraft(
                time: AuditTime(secondsSinceEpoch: 1_795_000_000), rulesDigest: "d", actor: nil, via: nil, repository: "r",
                refs: [], decision: .error, detail: "configuration: unknown key `polcy` at line 3\nsecond line"))
        let appended = try drafts.map { try log.append($0) }
        let listing = try AuditListing.read(paths: [path])
        #expect(listing.entries == appended)
        #expect(listing.warnings.isEmpty)
    }

    @Test("a new log gets a 0750 directory and a 0640 file whatever the umask")
    func permissions() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("git/riskgate/audit.jsonl")
        try FileManager.default.createDirectory(atPath: folder.file("git"), withIntermediateDirectories: true)
        for umask in ["077", "000", "022"] {
            try? FileManager.default.removeItem(atPath: folder.file("git/riskgate"))
            let result = try RiskgateBinaryRunner.append(
                path: path, json: #"{"rules_digest":"d","repository":"r","refs":[],"decision":"allow"}"#, umask: umask)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try AuditFixtures.mode(folder.file("git/riskgate")) == 0o750, "umask \(umask)")
            #expect(try AuditFixtures.mode(path) == 0o640, "umask \(umask)")
        }
    }

    @Test("configured modes and group are applied to what riskgate creates")
    func configuredPermissions() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("a/b/audit.jsonl")
        let group = UInt32(getegid())
        let log = AuditLog(path: path, permissions: AuditPermissions(directoryMode: 0o700, fileMode: 0o600, group: group))
        try log.append(AuditFixtures.draft(1))
        #expect(try AuditFixtures.mode(folder.file("a")) == 0o700)
        #expect(try AuditFixtures.mode(folder.file("a/b")) == 0o700)
        #expect(try AuditFixtures.mode(path) == 0o600)
        // An existing file keeps the administrator's mode.
        chmod(path, 0o620)
        try log.append(AuditFixtures.draft(2))
        #expect(try AuditFixtures.mode(path) == 0o620)
    }

    @Test(
        "the path: --path as given, else audit.path relative to GIT_DIR, else riskgate/audit.jsonl",
        arguments: [
            ("/srv/git/app.git", nil, nil, "/srv/git/app.git/riskgate/audit.jsonl"),
            ("/srv/git/app.git/", nil, nil, "/srv/git/app.git/riskgate/audit.jsonl"),
            ("/srv/git/app.git", "logs/gate.jsonl", nil, "/srv/git/app.git/logs/gate.jsonl"),
            ("/srv/git/app.git", "/var/log/riskgate/app.jsonl", nil, "/var/log/riskgate/app.jsonl"),
            ("/srv/git/app.git", "", nil, "/srv/git/app.git/riskgate/audit.jsonl"),
            ("/srv/git/app.git", "logs/gate.jsonl", "./mine.jsonl", "./mine.jsonl"),
        ] as [(String, String?, String?, String)])
    func path(gitDirectory: String, configured: String?, override: String?, expected: String) {
        #expect(AuditLog.resolvePath(gitDirectory: gitDirectory, configured: configured, override: override) == expected)
    }
}

@Suite("Recovering from a write that did not finish")
struct AuditRecoveryTests {
    @Test(
        "a damaged tail is reported, then closed and recorded by the next append",
        arguments: [
            ("half a line, no newline", false),
            ("a final line that does not parse", true),
        ])
    func recovers(name: String, terminated: Bool) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 3)
        let sizeBefore = try AuditFixtures.bytes(path).count
        let lines = try AuditFixtures.lines(path)
        let fragment = String(lines[1].prefix(90)) + (terminated ? "\n" : "")
        try AuditFixtures.append(fragment, to: path)

        let damaged = try AuditVerifier.verify(paths: [path])
        let fragmentLength = fragment.utf8.count - (terminated ? 1 : 0)
        let tailMessage =
            terminated
            ? "truncated tail: the last line is not a valid entry (unterminated string at byte 91); the next append records it"
            : "truncated tail: the last line has no newline (\(fragmentLength) bytes); the next append closes and records it"
        #expect(damaged.problems.map(\.description) == ["\(path):4: \(tailMessage)"])
        #expect(damaged.problems.map(\.kind) == [.truncatedTail])
        #expect(damaged.head?.seq == 3)

        let next = try AuditLog(path: path).append(AuditFixtures.draft(4))
        #expect(next.seq == 4)
        #expect(next.prev == entries[2].hash)
        #expect(next.recovered == AuditRecovery(
            offset: sizeBefore, length: fragmentLength,
            sha256: AuditChain.sha256Hex(Array(fragment.utf8.prefix(fragmentLength)))))
        let after = try AuditFixtures.lines(path)
        #expect(after.count == 5)
        #expect(after[3] == String(fragment.prefix(fragmentLength)))

        let recovered = try AuditVerifier.verify(paths: [path])
        #expect(recovered.isIntact)
        #expect(recovered.notes == ["\(path):4: an unfinished write (\(fragmentLength) bytes) was closed and recorded by entry #4 at \(path):5"])
        let listing = try AuditListing.read(paths: [path])
        #expect(listing.entries.map(\.seq) == [1, 2, 3, 4])
        #expect(listing.warnings == ["\(path):4: skipped: the line is not a valid entry (run `riskgate audit verify`)"])
    }

    @Test("a log holding only a fragment restarts from genesis and records it")
    func onlyFragment() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        try AuditFixtures.write([#"{"actor":"al"#], to: path, finalNewline: false)
        let entry = try AuditLog(path: path).append(AuditFixtures.draft(1))
        #expect(entry.seq == 1)
        #expect(entry.prev == AuditChain.genesis)
        #expect(entry.recovered?.offset == 0)
        #expect(try AuditVerifier.verify(paths: [path]).isIntact)
    }

    @Test("removing an acknowledged fragment is itself detected")
    func removedFragment() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        try AuditFixtures.log(at: path, count: 2)
        try AuditFixtures.append(#"{"actor":"ali"#, to: path)
        try AuditLog(path: path).append(AuditFixtures.draft(3))
        var lines = try AuditFixtures.lines(path)
        lines.remove(at: 2)
        try AuditFixtures.write(lines, to: path)
        let result = try AuditVerifier.verify(paths: [path])
        #expect(result.problems.map(\.description) == [
            "\(path):3: a damaged line was removed: entry #3 records 13 bytes at offset \(lines[0].utf8.count + lines[1].utf8.count + 2) that are not there"
        ])
    }

    @Test("two damaged lines in a row cannot be chained and say what to do")
    func unchainable() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        try AuditFixtures.log(at: path, count: 2)
        try AuditFixtures.append("garbage\n{\"half", to: path)
        #expect(throws: AuditError.unchainable(path: path, line: 3, reason: "it does not parse")) {
            try AuditLog(path: path).append(AuditFixtures.draft(3))
        }
    }
}
