import RiskgateCore
import RiskgateTestSupport
import Testing

/// Message signals, the fix-subject rule, the index format and the statistics behind calibrate.
struct HistorySignalTests {
    static let sha = "0123456789abcdef0123456789abcdef01234567"

    struct Case: Sendable, CustomStringConvertible {
        var message: String
        var expected: MessageSignals
        var description: String { message }
    }

    static let messages: [Case] = [
        Case(message: "Revert \"Bump replicas\"\n\nThis reverts commit \(sha).\n",
             expected: MessageSignals(revertsIDs: [sha])),
        Case(message: "Revert \"Merge branch 'x'\"\n\nThis reverts commit \(sha), reversing\nchanges made to 1111111111111111111111111111111111111111.\n",
             expected: MessageSignals(revertsIDs: [sha])),
        Case(message: "Revert \"Revert \"Enable canary\"\"\n\nThis reverts commit 0123456.\n",
             expected: MessageSignals(revertsIDs: ["0123456"])),
        Case(message: "Revert \"Raise memory limit\"\n\nIt broke the nodes.\n",
             expected: MessageSignals(revertsSubject: "Raise memory limit")),
        Case(message: "Revert \"Raise memory limit (#41)\" (#42)\n",
             expected: MessageSignals(revertsSubject: "Raise memory limit (#41)")),
        Case(message: "Revert \"Revert \"Enable canary\"\"\n",
             expected: MessageSignals(revertsSubject: "Revert \"Enable canary\"")),
        Case(message: "Squashed reverts\n\nThis reverts commit 0123456789.\nThis reverts commit abcdef0123.\n",
             expected: MessageSignals(revertsIDs: ["0123456789", "abcdef0123"])),
        Case(message: "This reverts commit ghijklm is not an id\n", expected: MessageSignals()),
        Case(message: "Revert the cache change\n", expected: MessageSignals()),
        Case(message: "Reverting \"x\" later\n", expected: MessageSignals()),
        Case(message: "Harden cache\n\nFixes: 0123456789ab (\"Add cache\")\n",
             expected: MessageSignals(fixesIDs: ["0123456789ab"])),
        Case(message: "Harden cache\n\nFixes: #123\n", expected: MessageSignals()),
        Case(message: "Harden cache\n\nFixes: https://example.com/issue/1\n", expected: MessageSignals()),
        Case(message: "Fixes: 0123456789ab is the subject, not a trailer\n", expected: MessageSignals()),
        Case(message: "Harden cache\n\nFixes: deadbeefcafe\nSigned-off-by: A <a@example.com>\n",
             expected: MessageSignals(fixesIDs: ["deadbeefcafe"])),
        Case(message: "fixup! Tune timeouts\n", expected: MessageSignals(fixupSubject: "Tune timeouts")),
        Case(message: "squash! fixup! Tune timeouts\n", expected: MessageSignals(fixupSubject: "Tune timeouts")),
        Case(message: "amend! Tune timeouts\n", expected: MessageSignals(fixupSubject: "Tune timeouts")),
        Case(message: "fixup!Tune timeouts\n", expected: MessageSignals()),
    ]

    @Test(arguments: messages)
    func parsesSignals(_ test: Case) {
        #expect(MessageSignals.parse(CommitMessage(test.message)) == test.expected)
    }

    @Test(arguments: [
        ("fix(config): timeouts typo", true), ("Fix crash on start", true), ("HOTFIX: restore ingress", true),
        ("[bugfix] null check", true), ("hot-fix the chart", true), ("Fixed the tests", true),
        ("Prefix handling for fixtures", false), ("Add suffix", false), ("Revert \"fix crash\"", false),
        ("fixup! Tune timeouts", false), ("Affix labels", false), ("", false),
    ])
    func fixSubjects(_ subject: String, _ isFix: Bool) {
        #expect(HistorySettings.standard.isFixSubject(subject) == isFix)
    }

    @Test func customFixWordsAreHonoured() {
        let settings = HistorySettings(fixSubjectWords: ["Korrektur"])
        #expect(settings.isFixSubject("Korrektur der Werte"))
        #expect(!settings.isFixSubject("fix the values"))
    }

    static func record(_ n: UInt64, time: Int64, subject: String, _ signals: MessageSignals = MessageSignals(), paths: [String])
        -> HistoryRecord
    {
        HistoryRecord(
            id: ObjectID(high: n, middle: n, low: UInt32(n)), time: time, author: "dev\(n % 2)@example.com",
            isMerge: false, subject: subject, signals: signals, paths: paths)
    }

    @Test func indexRoundTripsAwkwardText() throws {
        let records = [
            Self.record(1, time: 10, subject: "tab\there % and\nnewline\rcr", paths: ["a b/c\td.yaml", "100%.txt", "ünï/cödé"]),
            Self.record(2, time: 20, subject: "Revert \"x\"", MessageSignals(revertsSubject: ""), paths: []),
            Self.record(3, time: 30, subject: "s", MessageSignals(revertsIDs: ["abcdef0", "1234567"], fixesIDs: ["7654321"], fixupSubject: "=odd"), paths: ["x"]),
        ]
        var grouped = records
        grouped[0].landingOffset = 2
        let revisions = ["HEAD", "^old\tbranch"]
        let bytes = HistoryIndexFormat.encodeBase(
            records: grouped, link: HistorySettings.standard.link, revisions: revisions, tips: [records[2].id]).bytes
        try bytes.withUnsafeBytes { buffer in
            let tables = try HistoryIndexTables(bytes: buffer, owner: nil)
            try tables.verify()
            #expect(try tables.records() == grouped)
            #expect(tables.revisions == revisions)
            #expect(tables.tips == [records[2].id])
            #expect(tables.link == HistorySettings.standard.link)
            #expect(tables.landing(of: 0) == HistoryLanding(group: 2, time: 30))
            #expect(tables.allPaths().sorted() == ["100%.txt", "a b/c\td.yaml", "x", "ünï/cödé"])
        }
        let empty = HistoryIndexFormat.encodeBase(records: [], link: HistorySettings.standard.link, revisions: ["HEAD"], tips: []).bytes
        try empty.withUnsafeBytes { buffer in
            let tables = try HistoryIndexTables(bytes: buffer, owner: nil)
            #expect(tables.count == 0)
            #expect(try tables.records().isEmpty)
            #expect(tables.lastChange(of: "x") == nil)
        }
    }

    @Test func batchesRoundTripAndATornBatchIsNotThere() {
        let batch = HistoryIndexFormat.Batch(
            records: [Self.record(4, time: 40, subject: "tab\tin subject", paths: ["p q", "r"])], tips: [Self.record(4, time: 0, subject: "", paths: []).id])
        let empty = HistoryIndexFormat.Batch(records: [], tips: [])
        let bytes = HistoryIndexFormat.encode(batch) + HistoryIndexFormat.encode(empty)
        bytes.withUnsafeBytes { buffer in
            let decoded = HistoryIndexFormat.decodeBatches(buffer)
            #expect(decoded.batches == [batch, empty])
            #expect(decoded.length == bytes.count)
            #expect(!decoded.torn)
        }
        // Every prefix that cuts the second batch leaves the first, and says the rest is torn.
        let first = HistoryIndexFormat.encode(batch).count
        for cut in [first + 1, first + 8, bytes.count - 1] {
            Array(bytes.prefix(cut)).withUnsafeBytes { buffer in
                let decoded = HistoryIndexFormat.decodeBatches(buffer)
                #expect(decoded.batches == [batch], "cut at \(cut)")
                #expect(decoded.length == first)
                #expect(decoded.torn)
            }
        }
        // A flipped byte inside a batch's body fails its checksum.
        var damaged = bytes
        damaged[12] ^= 0x20
        damaged.withUnsafeBytes { buffer in
            #expect(HistoryIndexFormat.decodeBatches(buffer).batches.isEmpty)
        }
    }

    static func base(_ records: [HistoryRecord]) -> [UInt8] {
        HistoryIndexFormat.encodeBase(records: records, link: HistorySettings.standard.link, revisions: ["HEAD"], tips: []).bytes
    }

    @Test(arguments: [
        ("empty", HistoryIndexFormatError.notAnIndex), ("text", .notAnIndex), ("version", .unsupportedVersion("3")),
        ("truncated-header", .truncated), ("truncated-base", .truncated), ("header-byte", .damaged("header checksum")),
    ])
    func rejectsDamagedIndexes(_ damage: String, _ error: HistoryIndexFormatError) {
        var bytes = Self.base([Self.record(1, time: 10, subject: "a", paths: ["x"])])
        switch damage {
        case "empty": bytes = []
        case "text": bytes = Array("riskgate-history-index 1\nrevisions HEAD\ntips\nend 0\n".utf8)
        case "version": bytes[16] = 3
        case "truncated-header": bytes = Array(bytes.prefix(100))
        case "truncated-base": bytes = Array(bytes.prefix(bytes.count - 40))
        default: bytes[40] ^= 1
        }
        bytes.withUnsafeBytes { buffer in
            _ = #expect(throws: error) { try HistoryIndexTables(bytes: buffer, owner: nil) }
        }
    }

    /// A flipped byte inside a table passes the cheap checks a hook makes (it never crashes on
    /// it) and is caught by `verify`, which `history build` runs before trusting the file.
    @Test func verifyFindsDamageInsideTables() throws {
        let records = (1...20).map { Self.record(UInt64($0), time: Int64($0) * 100, subject: "s\($0)", paths: ["p\($0 % 3)", "q"]) }
        var bytes = Self.base(records)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.withUnsafeBytes { buffer in
            let tables = try HistoryIndexTables(bytes: buffer, owner: nil)
            for path in ["p0", "p1", "q", "zz"] {
                _ = tables.recentStatistics(for: path, before: tables.count, now: 10_000, settings: .standard)
            }
            #expect(throws: HistoryIndexFormatError.self) { try tables.verify() }
        }
    }

    @Test func abbreviatedAndAmbiguousIDs() throws {
        let a = HistoryRecord(id: try #require(ObjectID(hex: "abcdef0123456789abcdef0123456789abcdef01")), time: 1, author: "a", isMerge: false, subject: "a", signals: MessageSignals(), paths: ["p"])
        let b = HistoryRecord(id: try #require(ObjectID(hex: "abcdef0999999999999999999999999999999999")), time: 2, author: "a", isMerge: false, subject: "b", signals: MessageSignals(), paths: ["p"])
        let model = HistoryModel(records: [a, b])
        let bytes = Self.base([a, b])
        try bytes.withUnsafeBytes { buffer in
            let tables = try HistoryIndexTables(bytes: buffer, owner: nil)
            for history in [model as any HistoryBase, tables] {
                #expect(history.positions(matchingPrefix: "abcdef01234") == .one(0))
                #expect(history.positions(matchingPrefix: "abcdef09") == .one(1))
                #expect(history.positions(matchingPrefix: "abcdef0") == .several)
                #expect(history.positions(matchingPrefix: "1234567") == .none)
            }
        }
    }

    /// A revert names what existed before it: an abbreviated id that only becomes ambiguous
    /// later still links, and one ambiguous already does not.
    @Test func revertsResolveAmongEarlierCommits() throws {
        let target = HistoryRecord(id: try #require(ObjectID(hex: "abcdef0123456789abcdef0123456789abcdef01")), time: 1, author: "a", isMerge: false, subject: "a", signals: MessageSignals(), paths: ["p"])
        let revert = Self.record(9, time: 2, subject: "Revert", MessageSignals(revertsIDs: ["abcdef0"]), paths: ["p"])
        let twin = HistoryRecord(id: try #require(ObjectID(hex: "abcdef0999999999999999999999999999999999")), time: 3, author: "a", isMerge: false, subject: "b", signals: MessageSignals(), paths: ["p"])
        #expect(HistoryModel(records: [target, revert, twin]).revertedBy(0) == 1)
        #expect(HistoryModel(records: [target, twin, revert]).revertedBy(0) == nil)
    }

    @Test func fixWindowIsExplicit() {
        let day = HistorySettings.day
        let records = [
            Self.record(1, time: 0, subject: "Add probe", paths: ["chart/values.yaml"]),
            Self.record(2, time: 2 * day, subject: "Fix probe path", paths: ["chart/values.yaml"]),
            Self.record(3, time: 10 * day, subject: "Add limits", paths: ["chart/values.yaml"]),
            Self.record(4, time: 14 * day, subject: "Fix limits", paths: ["chart/values.yaml"]),
        ]
        func fixed(_ model: HistoryModel) -> [Int] {
            (0..<model.count).filter { model.change(of: "chart/values.yaml", at: $0)?.fixedBy != nil }
        }
        #expect(fixed(HistoryModel(records: records)) == [0])
        #expect(fixed(HistoryModel(records: records, settings: HistorySettings(fixWindowSeconds: 5 * day))) == [0, 2])
    }

    /// A fix counts once the change has landed: not for a commit landed with it (the same
    /// merge, or the same second), and only on the paths the fix touches again.
    @Test func fixesCountAfterLandingAndPerPath() {
        var records = [
            Self.record(1, time: 100, subject: "Add probe", paths: ["chart/values.yaml", "chart/Chart.yaml"]),
            Self.record(2, time: 100, subject: "fix review comments", paths: ["chart/values.yaml"]),
            Self.record(3, time: 200, subject: "Merge pull request #1", paths: ["chart/values.yaml", "chart/Chart.yaml"]),
            Self.record(4, time: 900, subject: "Fix probe port", paths: ["chart/values.yaml"]),
            Self.record(5, time: 900, subject: "fix typo", paths: ["chart/values.yaml"]),
        ]
        records[0].landingOffset = 2
        records[1].landingOffset = 1
        records[2].isMerge = true
        let model = HistoryModel(records: records)
        #expect(model.change(of: "chart/values.yaml", at: 0)?.followedBy == nil)  // landed with it
        #expect(model.change(of: "chart/values.yaml", at: 1)?.followedBy == nil)  // the merge lands it
        #expect(model.change(of: "chart/values.yaml", at: 2) == HistoryChange(position: 2, followedBy: 3, fixedBy: 3))
        #expect(model.change(of: "chart/Chart.yaml", at: 2) == HistoryChange(position: 2))  // not touched by the fix
        #expect(model.change(of: "chart/values.yaml", at: 3) == HistoryChange(position: 3))  // same second
        #expect(model.followUps(before: model.count) == FollowUpCounts(followed: 1, fixed: 1))
    }

    /// fix-hotspot compares a path's share of fixes among its follow-ups with the repository's.
    @Test(arguments: [
        // fixed, followed, repository share, fires
        (3, 3, 0.1, true), (3, 20, 0.1, false), (2, 2, 0.0, false), (6, 10, 0.2, true), (6, 10, 0.4, false),
    ])
    func fixHotspotNeedsMoreThanTheBaseRate(_ fixed: Int, _ followed: Int, _ share: Double, _ fires: Bool) {
        var stats = PathStatistics(path: "p")
        stats.recentChanges = 20
        stats.recentFollowed = followed
        stats.recentFixed = fixed
        stats.repository = FollowUpCounts(followed: 1000, fixed: Int(share * 1000))
        #expect(HistoryFindings(history: HistoryModel(records: [])).isFixHotspot(stats) == fires)
    }

    /// Whatever the split into a compacted base and appended batches, the index answers exactly
    /// what a model of all the commits answers.
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func indexWithBatchesEqualsModelOfEverything(_ seed: UInt64) throws {
        let records = SyntheticHistory.records(count: 160, seed: seed)
        let ids = records.map(\.id)
        let whole = HistoryModel(records: records)
        let expected = HistoryDump(whole, ids: ids)
        let boundaries = SyntheticHistory.boundaries(records)
        let third: Int = boundaries[boundaries.count / 3]
        let half: Int = boundaries[boundaries.count / 2]
        let late: Int = boundaries[boundaries.count - 2]
        let splits: [Int] = [0, third, half, late, records.count]
        for split in splits {
            let bytes = Self.base(Array(records[..<split]))
            try bytes.withUnsafeBytes { buffer in
                let tables = try HistoryIndexTables(bytes: buffer, owner: nil)
                var model = HistoryModel(base: tables, link: tables.link)
                // The rest in two batches, split at a landing boundary.
                let middle = boundaries.first { $0 > split + (records.count - split) / 2 } ?? records.count
                model.append(Array(records[split..<max(split, middle)]))
                model.append(Array(records[max(split, middle)...]))
                let dump = HistoryDump(model, ids: ids)
                #expect(dump == expected, "split at \(split): \(dump.firstDifference(from: expected) ?? "")")
            }
        }
        // The synthetic history exercises what it should.
        #expect((0..<whole.count).contains { whole.revertedBy($0) != nil })
        #expect(whole.followUps(before: whole.count).fixed > 0)
    }

    @Test(arguments: [
        (0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (1, 100, 0.0018, 0.0545), (0, 0, 0.0, 1.0),
    ])
    func wilsonInterval(_ successes: Int, _ trials: Int, _ lower: Double, _ upper: Double) {
        let interval = Statistics.wilson(successes: successes, trials: trials)
        #expect(abs(interval.lower - lower) < 0.001)
        #expect(abs(interval.upper - upper) < 0.001)
    }

    @Test(arguments: [
        ([1.0, 2, 3, 4], [false, false, true, true], 1.0), ([1.0, 2, 3, 4], [true, true, false, false], 0.0),
        ([1.0, 1, 1, 1], [true, false, true, false], 0.5), ([0.0, 5, 5, 9], [false, true, false, true], 0.875),
    ])
    func rocAUC(_ scores: [Double], _ labels: [Bool], _ expected: Double) {
        #expect(Statistics.rocAUC(scores: scores, labels: labels) == expected)
    }

    @Test func aucNeedsBothClasses() {
        #expect(Statistics.rocAUC(scores: [1, 2], labels: [true, true]) == nil)
    }

    @Test func liftAndProposals() {
        func finding(_ rule: String, _ points: Int) -> Finding {
            Finding(rule: rule, category: "c-\(rule)", points: points, message: "", commit: nil)
        }
        // 100 commits, 10 reverted. `strong` fires on 20 of which 8 reverted; `weak` on 40, 1 reverted.
        var samples: [CalibrationSample] = []
        for n in 0..<100 {
            let reverted = n < 10
            var findings: [Finding] = []
            if n < 8 || (n >= 10 && n < 22) { findings.append(finding("strong", 10)) }
            if n == 9 || n >= 22 { findings.append(finding("weak", 10)) }
            samples.append(CalibrationSample(id: ObjectID(high: UInt64(n), middle: 0, low: 0), findings: findings, historyFindings: [], laterReverted: reverted))
        }
        let report = CalibrationReport(samples: samples)
        #expect(report.baseRate == 0.1)
        let strong = report.rules.first { $0.key == "strong" }
        #expect(strong?.triggered == 20)
        #expect(strong?.reverted == 8)
        #expect(abs((strong?.lift ?? 0) - 4) < 1e-9)
        #expect((strong?.liftLower ?? 0) > 1)
        let proposals = report.proposedPoints(current: ["strong": 10, "weak": 10])
        #expect(proposals.first { $0.rule == "strong" }?.proposed == 30)
        #expect(proposals.first { $0.rule == "weak" }?.proposed == 3)
        // Every commit but one scores 10 before re-weighting; after it, `strong` ranks the reverts first.
        let reweighted = CalibrationReport(samples: samples.map { sample in
            var copy = sample
            copy.findings = sample.findings.map { finding in
                var changed = finding
                changed.points = proposals.first { $0.rule == finding.rule }?.proposed ?? finding.points
                return changed
            }
            return copy
        })
        #expect((reweighted.auc ?? 0) > (report.auc ?? 1))
    }
}

/// History rules are listed, re-weighted and disabled by id like every built-in rule.
struct HistoryRuleConfigurationTests {
    @Test func historyRulesAreKnownToTheRuleSet() {
        var set = RuleSet(rules: [])
        #expect(set.ids.isSuperset(of: ["revert-hotspot", "fix-hotspot", "high-churn"]))
        let unknown = set.configure(disabled: ["high-churn"], points: ["revert-hotspot": 4])
        #expect(unknown.isEmpty)
        let rules = HistoryRules(ruleSet: set)
        #expect(rules.points["revert-hotspot"] == 4)
        #expect(rules.points["fix-hotspot"] == 5)
        #expect(rules.points["high-churn"] == nil)
        #expect(HistoryRules.configured(disabled: ["high-churn"], points: ["revert-hotspot": 4]).points == [
            "revert-hotspot": 4, "fix-hotspot": 5,
        ])
    }
}
