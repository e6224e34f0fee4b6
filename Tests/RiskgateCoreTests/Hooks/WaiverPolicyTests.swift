import RiskgateCore
import Testing

/// Who may lift a block, for what, on which side (SPEC §6).
struct WaiverPolicyTests {
    static let settings = HookSettings(allowedWaivers: ["alice", "bob"], unwaivableCategories: ["gate-self", "security"])

    @Test(arguments: [
        ("allowed pusher with a reason", "hotfix for INC-42", "alice", ["infrastructure"], false, "accepted by alice"),
        ("reason of spaces only", "   ", "alice", ["infrastructure"], false, "a waiver needs a reason"),
        ("pusher not allowed", "hotfix", "mallory", ["infrastructure"], false, "mallory may not waive"),
        ("unknown pusher on the server", "hotfix", "", ["infrastructure"], false, "identity is unknown"),
        ("unwaivable category", "hotfix", "alice", ["infrastructure", "gate-self"], false, "category gate-self cannot be waived"),
        ("two unwaivable categories, named sorted", "x", "bob", ["security", "gate-self"], false, "category gate-self, security"),
        ("client still needs an allowed pusher when a list exists", "x", "mallory", ["ci-cd"], true, "mallory may not waive"),
    ])
    func serverAndListedRules(
        _ name: String, _ reason: String, _ pusher: String, _ categories: [String], _ client: Bool, _ expected: String
    ) {
        let outcome = WaiverPolicy.evaluate(
            WaiverRequest(reason: reason, source: client ? .environment : .pushOption),
            pusher: pusher.isEmpty ? nil : Pusher(name: pusher, variable: "REMOTE_USER"), settings: Self.settings,
            categories: Set(categories), openToAnyone: client)
        switch outcome {
        case .accepted(let by, let why): #expect("accepted by \(by)" == expected && why == reason, "\(name)")
        case .refused(let why): #expect(why.contains(expected), "\(name): \(why)")
        case .notNeeded: Issue.record("\(name): not needed")
        }
    }

    @Test func clientWithNoListLetsAnyoneWaiveWithAReasonButNotUnwaivable() {
        let open = HookSettings(allowedWaivers: [], unwaivableCategories: ["gate-self"])
        let request = WaiverRequest(reason: "  demo  ", source: .environment)
        #expect(
            WaiverPolicy.evaluate(request, pusher: nil, settings: open, categories: ["ci-cd"], openToAnyone: true)
                == .accepted(by: "unknown", reason: "demo"))
        guard case .refused = WaiverPolicy.evaluate(request, pusher: nil, settings: open, categories: ["gate-self"], openToAnyone: true)
        else { Issue.record("the gate's own files are never waivable"); return }
        guard case .refused = WaiverPolicy.evaluate(request, pusher: nil, settings: open, categories: ["ci-cd"], openToAnyone: false)
        else { Issue.record("the server never lets an unknown pusher waive"); return }
    }

    @Test func refusalsSayHowToAskOnEachSide() {
        let empty = WaiverRequest(reason: "", source: .pushOption)
        let client = WaiverRequest(reason: "", source: .environment)
        let pusher = Pusher(name: "alice", variable: "GL_USERNAME")
        #expect(
            WaiverPolicy.evaluate(empty, pusher: pusher, settings: Self.settings, categories: [], openToAnyone: false)
                == .refused(why: "a waiver needs a reason: -o 'riskgate.waive=<reason>'"))
        #expect(
            WaiverPolicy.evaluate(client, pusher: pusher, settings: Self.settings, categories: [], openToAnyone: true)
                == .refused(why: "a waiver needs a reason: RISKGATE_WAIVE='<reason>'"))
    }
}
