/// A hook input line that does not follow git's contract. Never ignored: a hook that cannot
/// read its input must not let the push through by accident (hooks-and-peers.md §2.4).
public struct HookInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var hook: String
    /// 1-based line number; 0 for arguments.
    public var line: Int
    public var text: String
    public var reason: String

    public init(hook: String, line: Int, text: String, reason: String) {
        self.hook = hook
        self.line = line
        self.text = text
        self.reason = reason
    }

    public var description: String {
        let place = line == 0 ? "arguments" : "input line \(line)"
        return "\(hook): \(place) '\(text)': \(reason); git passes \(HookInput.contract(of: hook))"
    }
}

/// Strict parsers of git's hook contracts (githooks(5)).
public enum HookInput {
    static func contract(of hook: String) -> String {
        switch hook {
        case "pre-push": "'<local ref> SP <local sha> SP <remote ref> SP <remote sha> LF' per ref"
        case "update": "'<ref> <old sha> <new sha>' as arguments"
        default: "'<old sha> SP <new sha> SP <ref> LF' per ref"
        }
    }

    /// pre-push: `<local ref> SP <local sha> SP <remote ref> SP <remote sha>` per line. Empty
    /// input (nothing to push) is no updates.
    public static func parsePrePush(_ text: String) throws(HookInputError) -> [RefUpdate] {
        var updates: [RefUpdate] = []
        for (number, line) in try lines(of: text, hook: "pre-push") {
            let fields = try split(line, count: 4, hook: "pre-push", number: number)
            let local = try objectID(fields[1], hook: "pre-push", number: number, line: line)
            let remote = try objectID(fields[3], hook: "pre-push", number: number, line: line)
            let remoteRef = fields[2]
            try requireFullRef(remoteRef, hook: "pre-push", number: number, line: line)
            if fields[0] == "(delete)" {
                guard local.isZero else {
                    throw HookInputError(hook: "pre-push", line: number, text: line, reason: "a (delete) line must carry the all-zero local id")
                }
            } else if local.isZero {
                throw HookInputError(hook: "pre-push", line: number, text: line, reason: "an all-zero local id is only valid with (delete)")
            }
            updates.append(RefUpdate(ref: remoteRef, old: remote, new: local, localRef: fields[0]))
        }
        return updates
    }

    /// pre-receive (and post-receive): `<old> SP <new> SP <ref>` per line.
    public static func parsePreReceive(_ text: String) throws(HookInputError) -> [RefUpdate] {
        var updates: [RefUpdate] = []
        for (number, line) in try lines(of: text, hook: "pre-receive") {
            let fields = try split(line, count: 3, hook: "pre-receive", number: number)
            let old = try objectID(fields[0], hook: "pre-receive", number: number, line: line)
            let new = try objectID(fields[1], hook: "pre-receive", number: number, line: line)
            try requireFullRef(fields[2], hook: "pre-receive", number: number, line: line)
            if old.isZero && new.isZero {
                throw HookInputError(hook: "pre-receive", line: number, text: line, reason: "old and new ids are both all zeros")
            }
            updates.append(RefUpdate(ref: fields[2], old: old, new: new))
        }
        return updates
    }

    /// update: the three arguments `<ref> <old> <new>`.
    public static func parseUpdate(_ arguments: [String]) throws(HookInputError) -> RefUpdate {
        let text = arguments.joined(separator: " ")
        guard arguments.count == 3 else {
            throw HookInputError(hook: "update", line: 0, text: text, reason: "expected 3 arguments, got \(arguments.count)")
        }
        try requireFullRef(arguments[0], hook: "update", number: 0, line: text)
        let old = try objectID(arguments[1], hook: "update", number: 0, line: text)
        let new = try objectID(arguments[2], hook: "update", number: 0, line: text)
        if old.isZero && new.isZero {
            throw HookInputError(hook: "update", line: 0, text: text, reason: "old and new ids are both all zeros")
        }
        return RefUpdate(ref: arguments[0], old: old, new: new)
    }

    /// An object id as git writes it in hook input: 40 hex digits, or all zeros of either hash
    /// length (40 for SHA-1, 64 for SHA-256).
    public static func parseObjectID(_ field: String) -> ObjectIDField {
        let utf8 = Array(field.utf8)
        if (utf8.count == 40 || utf8.count == 64), utf8.allSatisfy({ $0 == UInt8(ascii: "0") }) { return .id(.zero) }
        if let id = ObjectID(hex: field) { return .id(id) }
        if utf8.count == 64, utf8.allSatisfy(isHexDigit) { return .unsupportedHash }
        return .malformed
    }

    public enum ObjectIDField: Hashable, Sendable {
        case id(ObjectID)
        /// A well-formed SHA-256 id; riskgate reads SHA-1 repositories only.
        case unsupportedHash
        case malformed
    }

    // MARK: - Helpers

    /// Lines split on LF bytes (not Characters: Swift treats CRLF as one Character, and a CR
    /// must stay visible so it is rejected as a control character).
    private static func lines(of text: String, hook: String) throws(HookInputError) -> [(Int, String)] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return [] }
        let pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard bytes.last == 0x0A else {
            throw HookInputError(
                hook: hook, line: pieces.count, text: pieces.last ?? "",
                reason: "the last line does not end with a newline (input cut short?)")
        }
        return pieces.dropLast().enumerated().map { ($0.offset + 1, $0.element) }
    }

    private static func split(_ line: String, count: Int, hook: String, number: Int) throws(HookInputError) -> [String] {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == count, fields.allSatisfy({ !$0.isEmpty }) else {
            let reason = line.isEmpty
                ? "empty line"
                : "expected \(count) fields separated by single spaces, got \(fields.filter { !$0.isEmpty }.count)"
            throw HookInputError(hook: hook, line: number, text: line, reason: reason)
        }
        if let bad = fields.first(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f } }) {
            throw HookInputError(hook: hook, line: number, text: line, reason: "control character in '\(bad)'")
        }
        return fields
    }

    private static func objectID(_ field: String, hook: String, number: Int, line: String) throws(HookInputError) -> ObjectID {
        switch parseObjectID(field) {
        case .id(let id): return id
        case .unsupportedHash:
            throw HookInputError(hook: hook, line: number, text: line, reason: "SHA-256 object ids are not supported yet")
        case .malformed:
            throw HookInputError(hook: hook, line: number, text: line, reason: "'\(field)' is not an object id (40 hex digits)")
        }
    }

    private static func requireFullRef(_ ref: String, hook: String, number: Int, line: String) throws(HookInputError) {
        guard ref.hasPrefix("refs/"), ref.count > 5, !ref.hasSuffix("/") else {
            throw HookInputError(hook: hook, line: number, text: line, reason: "'\(ref)' is not a full ref name (refs/...)")
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

extension HookInput {
    /// The one ref pre-commit passes to a pre-push hook through `PRE_COMMIT_*` variables (it
    /// reads git's stdin itself): nil when they are absent. `PRE_COMMIT_FROM_REF` is the remote's
    /// id, or for a new branch the parent of its first new commit; it is missing for a branch
    /// whose history is all new.
    public static func prePushFromPreCommit(_ variables: [String: String]) throws(HookInputError) -> [RefUpdate]? {
        guard let to = variables["PRE_COMMIT_TO_REF"], !to.isEmpty else { return nil }
        let text = "PRE_COMMIT_TO_REF=\(to) PRE_COMMIT_FROM_REF=\(variables["PRE_COMMIT_FROM_REF"] ?? "")"
        guard let remoteBranch = variables["PRE_COMMIT_REMOTE_BRANCH"], !remoteBranch.isEmpty else {
            throw HookInputError(hook: "pre-push", line: 0, text: text, reason: "PRE_COMMIT_REMOTE_BRANCH is not set")
        }
        let ref = remoteBranch.hasPrefix("refs/") ? remoteBranch : "refs/heads/" + remoteBranch
        let new = try objectID(to, hook: "pre-push", number: 0, line: text)
        var old = ObjectID.zero
        if let from = variables["PRE_COMMIT_FROM_REF"], !from.isEmpty { old = try objectID(from, hook: "pre-push", number: 0, line: text) }
        return [RefUpdate(ref: ref, old: old, new: new, localRef: variables["PRE_COMMIT_LOCAL_BRANCH"] ?? to)]
    }
}
