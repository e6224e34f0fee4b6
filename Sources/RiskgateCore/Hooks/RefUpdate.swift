/// One line of a hook's input: a ref moving from `old` to `new` (either may be all zeros).
///
/// For pre-push, `ref` is the remote ref being updated, `old` the remote's current id and
/// `new` the local id being pushed; `localRef` is what the user named locally.
public struct RefUpdate: Hashable, Sendable {
    public var ref: String
    public var old: ObjectID
    public var new: ObjectID
    /// pre-push only: the local side as git passes it (`refs/heads/x`, `HEAD`, a sha, `(delete)`).
    public var localRef: String?

    public init(ref: String, old: ObjectID, new: ObjectID, localRef: String? = nil) {
        self.ref = ref
        self.old = old
        self.new = new
        self.localRef = localRef
    }

    public var isCreation: Bool { old.isZero && !new.isZero }
    public var isDeletion: Bool { new.isZero }

    /// What kind of ref this is, from its name.
    public var namespace: RefNamespace { RefNamespace(ref: ref) }

    /// The name people use: `main` for `refs/heads/main`, `v1` for `refs/tags/v1`.
    public var shortName: String {
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }
}

public enum RefNamespace: String, Hashable, Sendable {
    case branch, tag, notes, other

    public init(ref: String) {
        if ref.hasPrefix("refs/heads/") {
            self = .branch
        } else if ref.hasPrefix("refs/tags/") {
            self = .tag
        } else if ref.hasPrefix("refs/notes/") {
            self = .notes
        } else {
            self = .other
        }
    }
}
