#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which entries `audit show` prints. Every criterion given must hold.
public struct AuditFilter: Hashable, Sendable {
    /// Ref names or globs (`refs/heads/release/*`); a name without `refs/` also matches
    /// `refs/heads/<name>` and `refs/tags/<name>`. An entry matches when any of its refs does.
    public var refs: [String]
    public var actors: [String]
    public var decisions: Set<AuditDecision>
    /// Inclusive bounds.
    public var since: AuditTime?
    public var until: AuditTime?

    public init(
        refs: [String] = [], actors: [String] = [], decisions: Set<AuditDecision> = [], since: AuditTime? = nil,
        until: AuditTime? = nil
    ) {
        self.refs = refs
        self.actors = actors
        self.decisions = decisions
        self.since = since
        self.until = until
    }

    public func matches(_ entry: AuditEntry) -> Bool {
        if !decisions.isEmpty && !decisions.contains(entry.decision) { return false }
        if !actors.isEmpty && !actors.contains(where: { $0 == entry.actor }) { return false }
        if let since, entry.time < since { return false }
        if let until, entry.time > until { return false }
        if !refs.isEmpty && !entry.refs.contains(where: { update in refs.contains { Self.ref(update.ref, matches: $0) } }) {
            return false
        }
        return true
    }

    static func ref(_ name: String, matches pattern: String) -> Bool {
        let candidates = pattern.hasPrefix("refs/") ? [pattern] : [pattern, "refs/heads/" + pattern, "refs/tags/" + pattern]
        return candidates.contains { $0 == name || fnmatch($0, name, FNM_PATHNAME) == 0 }
    }
}

/// The entries of one or more log files, for display. Lines that are not entries are skipped
/// with a warning (`verify` is the command that judges them).
public struct AuditListing: Sendable {
    public var entries: [AuditEntry] = []
    public var warnings: [String] = []

    public static func read(paths: [String], filter: AuditFilter = AuditFilter()) throws(AuditError) -> AuditListing {
        var listing = AuditListing()
        for path in paths {
            var reader = try AuditLineReader(path: path)
            defer { reader.closeFile() }
            while let line = try reader.next() {
                guard let record = AuditLog.decode(line.bytes) else {
                    let what = line.terminated ? "is not a valid entry" : "is an unfinished write"
                    listing.warnings.append("\(path):\(line.number): skipped: the line \(what) (run `riskgate audit verify`)")
                    continue
                }
                if case .entry(let entry) = record, filter.matches(entry) { listing.entries.append(entry) }
            }
        }
        return listing
    }
}

extension AuditTime {
    /// The current time (the clock is read here, in the I/O layer, never in the core).
    public static func now() -> AuditTime { AuditTime(secondsSinceEpoch: Int(time(nil))) }
}
