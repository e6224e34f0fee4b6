import Foundation
import RiskgateAudit
import RiskgateTestSupport
import Testing

@Suite("audit show: filters and output")
struct AuditShowTests {
    /// Eight entries: numbers 1…8, times 60 s apart from 2026-11-18T11:07:40Z.
    @discardableResult
    static func makeLog(_ path: String) throws -> [AuditEntry] {
        let log = AuditLog(path: path)
        let plan: [(AuditDecision, String, String)] = [
            (.allow, "alice", "refs/heads/main"), (.flag, "bob", "refs/heads/release/1.2"),
            (.block, "alice", "refs/heads/main"), (.waiver, "carol", "refs/heads/main"),
            (.incomplete, "bob", "refs/tags/v1.2.0"), (.error, "alice", "refs/heads/feature/x"),
            (.allow, "dave", "refs/heads/release/1.3"), (.block, "bob", "refs/heads/mainline"),
        ]
        return try plan.enumerated().map { index, item in
            try log.append(AuditFixtures.draft(index + 1, decision: item.0, actor: item.1, ref: item.2))
        }
    }

    @Test(
        "filters combine and select the right entries",
        arguments: [
            (AuditFilter(), [1, 2, 3, 4, 5, 6, 7, 8]),
            (AuditFilter(refs: ["main"]), [1, 3, 4]),
            (AuditFilter(refs: ["refs/heads/main"]), [1, 3, 4]),
            (AuditFilter(refs: ["refs/heads/release/*"]), [2, 7]),
            (AuditFilter(refs: ["release/*"]), [2, 7]),
            (AuditFilter(refs: ["refs/heads/*"]), [1, 3, 4, 8]),
            (AuditFilter(refs: ["v1.2.0"]), [5]),
            (AuditFilter(refs: ["main", "v1.2.0"]), [1, 3, 4, 5]),
            (AuditFilter(actors: ["bob"]), [2, 5, 8]),
            (AuditFilter(actors: ["alice", "dave"]), [1, 3, 6, 7]),
            (AuditFilter(decisions: [.block, .waiver]), [3, 4, 8]),
            (AuditFilter(actors: ["alice"], decisions: [.block]), [3]),
            (AuditFilter(since: AuditTime(secondsSinceEpoch: 1_795_000_000 + 5 * 60)), [5, 6, 7, 8]),
            (AuditFilter(until: AuditTime(secondsSinceEpoch: 1_795_000_000 + 2 * 60)), [1, 2]),
            (AuditFilter(
                since: AuditTime(secondsSinceEpoch: 1_795_000_000 + 3 * 60),
                until: AuditTime(secondsSinceEpoch: 1_795_000_000 + 4 * 60)), [3, 4]),
            (AuditFilter(refs: ["nothing"]), []),
        ] as [(AuditFilter, [Int])])
    func filters(filter: AuditFilter, expected: [Int]) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        try Self.makeLog(path)
        #expect(try AuditListing.read(paths: [path], filter: filter).entries.map(\.seq) == expected)
    }

    @Test("the command line filters, prints text, and prints the stored JSON")
    func commandLine() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try Self.makeLog(path)
        let text = try RiskgateBinaryRunner.audit(["show", "--path", path, "--decision", "waiver", "--decision", "block", "--actor", "carol"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == """
            #4 2026-11-18T11:10:40Z waiver high 44 carol (GL_USERNAME) pre-receive
                refs/heads/main 444444444444..555555555555
                waiver by bob: hotfix for INC-4
                finding 5555555555555555555555555555555555555555:infra/prod/main.tf:terraform-production

            """)

        let json = try RiskgateBinaryRunner.audit(
            ["show", "--path", path, "--format", "json", "--since", "2026-11-18T11:13:40Z", "--until", "2026-11-18T11:14:40Z"])
        #expect(json.status == 0)
        let stored = try AuditFixtures.lines(path)
        #expect(json.stdout == "[\n\(stored[6]),\n\(stored[7])\n]\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.map { $0["hash"] as? String } == [entries[6].hash, entries[7].hash])

        let day = try RiskgateBinaryRunner.audit(["show", "--path", path, "--format", "json", "--until", "2026-11-17"])
        #expect(day.stdout == "[]\n")
        let wholeDay = try RiskgateBinaryRunner.audit(["show", "--path", path, "--until", "2026-11-18", "--ref", "v1.2.0"])
        #expect(wholeDay.stdout.hasPrefix("#5 "))

        let bad = try RiskgateBinaryRunner.audit(["show", "--path", path, "--since", "last tuesday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--since: cannot read `last tuesday` as a time"))
        let missing = try RiskgateBinaryRunner.audit(["show", "--path", folder.file("none.jsonl")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "riskgate: error: the audit log \(folder.file("none.jsonl")) does not exist\n")
    }

    @Test("without --path the log is found under the repository's git directory")
    func defaultPath() throws {
        let repository = try TemporaryRepository()
        let gitDirectory = repository.url.appendingPathComponent(".git").path
        try AuditFixtures.log(at: gitDirectory + "/riskgate/audit.jsonl", count: 2)
        let verify = try RiskgateBinaryRunner.audit(["verify"], in: repository.url)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("audit log intact: 2 records in 1 file"))
        let fromElsewhere = try RiskgateBinary.run(["audit", "show", "-C", repository.path])
        #expect(fromElsewhere.stdout.hasPrefix("#1 "))
    }
}

/// Issue #16, part 7: a waiver reason, actor or ref name with terminal escapes is shown inert.
struct AuditShowTerminalSafetyTests {
    @Test func textListingCarriesNoControlBytes() throws {
        let folder = try TemporaryFolder()
        let log = AuditLog(path: folder.file("audit.jsonl"))
        let entry = try log.append(
            AuditEntryDraft(
                time: AuditTime(secondsSinceEpoch: 1_795_000_000), rulesDigest: "sha256:00", actor: "eve\u{1B}[2K",
                via: "GL_USERNAME", repository: "/srv/git/app.git",
                refs: [AuditRefUpdate(ref: "refs/heads/\u{1B}]0;x\u{7}main", old: "a", new: "b")], decision: .waiver,
                waiver: AuditWaiver(by: "eve", reason: "hotfix\u{1B}]52;c;Y2F0\u{7}\r\u{1B}[1Aok")))
        let text = AuditRendering.text([entry])
        #expect(!text.contains("\u{1B}") && !text.contains("\u{7}") && !text.contains("\r"))
        #expect(text.contains("waiver by eve: hotfix ok"))
        #expect(text.contains("refs/heads/main"))
        // The JSON form keeps the stored bytes, escaped.
        #expect(AuditRendering.json([entry]).contains("\\u001b"))
    }
}
