import RiskgateCore
import Testing

struct RefClassificationTests {
    static let a = ObjectID(hex: "1111111111111111111111111111111111111111")!
    static let b = ObjectID(hex: "2222222222222222222222222222222222222222")!

    @Test(arguments: [
        (RefUpdate(ref: "refs/heads/x", old: .zero, new: b), Bool?.none, false, RefChange.create, "new branch"),
        (RefUpdate(ref: "refs/heads/x", old: a, new: .zero), Bool?.none, false, .delete, "branch deleted"),
        (RefUpdate(ref: "refs/heads/x", old: a, new: b), true, false, .fastForward, "branch updated"),
        (RefUpdate(ref: "refs/heads/x", old: a, new: b), false, false, .forcePush, "history rewritten"),
        (RefUpdate(ref: "refs/heads/x", old: a, new: b), nil, false, .unverifiedUpdate, "ancestry not checked"),
        (RefUpdate(ref: "refs/heads/x", old: a, new: a), true, false, .unchanged, "unchanged"),
        (RefUpdate(ref: "refs/tags/v1", old: .zero, new: b), nil, true, .create, "new annotated tag"),
        (RefUpdate(ref: "refs/tags/v1", old: .zero, new: b), nil, false, .create, "new lightweight tag"),
        (RefUpdate(ref: "refs/notes/ai", old: a, new: b), true, false, .fastForward, "notes ref updated"),
    ])
    func classify(update: RefUpdate, ancestor: Bool?, annotated: Bool, change: RefChange, summary: String) {
        let classification = RefClassification.classify(update, oldIsAncestorOfNew: ancestor, newIsAnnotatedTag: annotated)
        #expect(classification.change == change)
        #expect(classification.summary.contains(summary), "\(classification.summary)")
    }
}
