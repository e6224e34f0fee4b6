import RiskgateCore
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
        let index = HistoryIndex(revisions: ["HEAD", "^old\tbranch"], tips: [records[2].id], records: records)
        #expect(try HistoryIndex.decode(index.encoded()) == index)
        let empty = HistoryIndex(revisions: ["HEAD"], tips: [], records: [])
        #expect(try HistoryIndex.decode(empty.encoded()) == empty)
    }

    @Test(arguments: [
        ("", HistoryIndexFormatError.notAnIndex), ("riskgate-history-index 1\nrevisions HEAD\ntips\nend 0", .truncated),
        ("nope\n", .notAnIndex), ("riskgate-history-index 2\n", .unsupportedVersion("2")),
        ("riskgate-history-index 1\nrevisions HEAD\ntips zz\nend 0\n", .malformed(line: 3, reason: "bad tip id `zz`")),
        ("riskgate-history-index 1\nrevisions HEAD\ntips\nc\tnot-an-id\t1\ta\t0\ts\t\t\t\t\nend 1\n", .malformed(line: 4, reason: "bad commit id")),
    ])
    func rejectsDamagedIndexes(_ text: String, _ error: HistoryIndexFormatError) {
        #expect(throws: error) { try HistoryIndex.decode(Array(text.utf8)) }
    }

    @Test func abbreviatedAndAmbiguousIDs() {
        let a = HistoryRecord(id: ObjectID(hex: "abcdef0123456789abcdef0123456789abcdef01")!, time: 1, author: "a", isMerge: false, subject: "a", signals: MessageSignals(), paths: ["p"])
        let b = HistoryRecord(id: ObjectID(hex: "abcdef0999999999999999999999999999999999")!, time: 2, author: "a", isMerge: false, subject: "b", signals: MessageSignals(), paths: ["p"])
        let model = HistoryModel(records: [a, b])
        #expect(model.resolve("abcdef01234") == 0)
        #expect(model.resolve("abcdef09") == 1)
        #expect(model.resolve("abcdef0") == nil)  // ambiguous
        #expect(model.resolve("1234567") == nil)
    }

    @Test func fixWindowIsExplicit() {
        let day = HistorySettings.day
        let records = [
            Self.record(1, time: 0, subject: "Add probe", paths: ["chart/values.yaml"]),
            Self.record(2, time: 2 * day, subject: "Fix probe path", paths: ["chart/values.yaml"]),
            Self.record(3, time: 10 * day, subject: "Add limits", paths: ["chart/values.yaml"]),
            Self.record(4, time: 14 * day, subject: "Fix limits", paths: ["chart/values.yaml"]),
        ]
        #expect(HistoryModel(records: records).fixedBy == [0: 1])
        #expect(HistoryModel(records: records, settings: HistorySettings(fixWindowSeconds: 5 * day)).fixedBy == [0: 1, 2: 3])
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
