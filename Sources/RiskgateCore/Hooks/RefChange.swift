/// How a ref moves, from its update line and two facts only git can tell: whether the old
/// commit is an ancestor of the new one, and whether the new object is an annotated tag.
public enum RefChange: String, Hashable, Sendable {
    case create
    case delete
    /// The old commit is an ancestor of the new one.
    case fastForward = "update"
    /// The old commit is not an ancestor of the new one: history was rewritten.
    case forcePush = "force-push"
    /// The old commit is not available locally (pre-push to a remote ahead of us), so ancestry
    /// is unknown.
    case unverifiedUpdate = "update (ancestry unknown)"
    /// Old and new are equal: nothing moves.
    case unchanged
}

/// A ref update with its facts established.
public struct RefClassification: Hashable, Sendable {
    public var change: RefChange
    public var namespace: RefNamespace
    /// The new object is an annotated tag (a lightweight tag points straight at a commit).
    public var annotatedTag: Bool

    public init(change: RefChange, namespace: RefNamespace, annotatedTag: Bool) {
        self.change = change
        self.namespace = namespace
        self.annotatedTag = annotatedTag
    }

    /// - Parameters:
    ///   - oldIsAncestorOfNew: nil when unknown (the old commit is not available).
    ///   - newIsAnnotatedTag: the new id names a tag object.
    public static func classify(_ update: RefUpdate, oldIsAncestorOfNew: Bool?, newIsAnnotatedTag: Bool) -> RefClassification {
        let change: RefChange
        if update.isDeletion {
            change = .delete
        } else if update.old.isZero {
            change = .create
        } else if update.old == update.new {
            change = .unchanged
        } else {
            switch oldIsAncestorOfNew {
            case true?: change = .fastForward
            case false?: change = .forcePush
            case nil: change = .unverifiedUpdate
            }
        }
        return RefClassification(change: change, namespace: update.namespace, annotatedTag: newIsAnnotatedTag && !update.isDeletion)
    }

    /// `new annotated tag`, `force push (history rewritten)`, `update`, ...
    public var summary: String {
        let what: String
        switch namespace {
        case .tag: what = annotatedTag ? "annotated tag" : "lightweight tag"
        case .branch: what = "branch"
        case .notes: what = "notes ref"
        case .other: what = "ref"
        }
        switch change {
        case .create: return "new \(what)"
        case .delete: return "\(what) deleted"
        case .fastForward: return "\(what) updated"
        case .forcePush: return "\(what) force-pushed: history rewritten (the old tip is not an ancestor of the new one)"
        case .unverifiedUpdate: return "\(what) updated (the remote's old tip is not available locally; ancestry not checked)"
        case .unchanged: return "\(what) unchanged"
        }
    }
}
