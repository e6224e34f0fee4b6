/// One thing wrong with a log, located at a file and line.
public struct AuditProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case altered, inserted, removed, reordered, truncatedTail = "truncated-tail"
    }

    public var kind: Kind
    public var path: String
    public var line: Int
    public var message: String

    public var description: String { "\(path):\(line): \(message)" }
}

/// A position in the chain: enough to anchor the log elsewhere and check it later.
public struct AuditHead: Hashable, Sendable, CustomStringConvertible {
    public var seq: Int
    public var hash: String
    public var description: String { "\(seq) \(hash)" }

    public init(seq: Int, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads `<seq> <hash>` (what `verify --print-head` prints) or `<seq>:<hash>`.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == ":" })
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.init(seq: seq, hash: String(parts[1]))
    }
}

/// What `AuditVerifier.verify` found.
public struct AuditVerification: Hashable, Sendable {
    /// The first break of the chain (at most one: what follows a break cannot be trusted),
    /// then a truncated tail if there is one.
    public var problems: [AuditProblem] = []
    /// Acknowledged crashes and where the chain starts, for the record.
    public var notes: [String] = []
    /// Records read (entries and rotation markers).
    public var records = 0
    /// The last record that chains correctly (the value to anchor elsewhere).
    public var head: AuditHead?

    public var isIntact: Bool { problems.isEmpty }
}

/// Checks the hash chain of one log, or of several files of one log in order (oldest first).
public enum AuditVerifier {
    /// A line as the verifier sees it.
    struct Item {
        var path: String
        var line: AuditLine
        var content: Content

        enum Content {
            case record(Checked)
            case damaged(reason: String)
        }

        struct Checked {
            var record: AuditRecord
            var prev: String
            var seq: Int
            var hash: String
            /// The stored hash matches the content.
            var hashMatches: Bool
            /// The line is byte for byte the canonical encoding of its value.
            var canonical: Bool
            var isMarker: Bool
            var recovered: AuditRecovery?
        }

        var location: String { "\(path):\(line.number)" }
        var checked: Checked? {
            if case .record(let checked) = content { return checked }
            return nil
        }
    }

    /// Verifies `paths` in order. Each of `anchors` (heads recorded elsewhere earlier) must still
    /// be in the chain with the same hash: that catches a log cut short or rewritten whole.
    public static func verify(paths: [String], anchors: [AuditHead] = []) throws(AuditError) -> AuditVerification {
        var items: [Item] = []
        for path in paths {
            var reader = try AuditLineReader(path: path)
            defer { reader.closeFile() }
            while let line = try reader.next() {
                items.append(Item(path: path, line: line, content: classify(line)))
            }
        }
        return verify(items: items, anchors: anchors)
    }

    static func classify(_ line: AuditLine) -> Item.Content {
        let value: CanonicalJSON
        do {
            value = try CanonicalJSONParser.parse(line.bytes)
        } catch {
            return .damaged(reason: line.bytes.isEmpty ? "an empty line" : error.description)
        }
        let record: AuditRecord
        do {
            record = try AuditRecordCoding.record(from: value)
        } catch {
            return .damaged(reason: error.description)
        }
        guard let members = value.objectValue else { return .damaged(reason: "not a JSON object") }
        let prev: String
        let recovered: AuditRecovery?
        let isMarker: Bool
        switch record {
        case .entry(let entry):
            prev = entry.prev
            recovered = entry.recovered
            isMarker = false
        case .rotation(let marker):
            prev = marker.prev
            recovered = nil
            isMarker = true
        }
        return .record(
            Item.Checked(
                record: record, prev: prev, seq: record.seq, hash: record.hash,
                hashMatches: AuditChain.hash(of: members) == record.hash,
                canonical: value.canonicalBytes == line.bytes, isMarker: isMarker, recovered: recovered))
    }

    static func verify(items: [Item], anchors: [AuditHead] = []) -> AuditVerification {
        var result = AuditVerification()
        result.records = items.count { $0.checked != nil }
        var expectedSeq = 1
        var expectedPrev = AuditChain.genesis
        /// Hash of every accepted record → its index in `items`.
        var accepted: [String: Int] = [:]
        var acceptedBySeq: [Int: Int] = [:]
        var lastAccepted: Int?
        var pendingDamage: Int?

        func problem(_ kind: AuditProblem.Kind, _ index: Int, _ message: String) -> AuditProblem {
            AuditProblem(kind: kind, path: items[index].path, line: items[index].line.number, message: message)
        }

        walk: for index in items.indices {
            let item = items[index]
            let isLastItem = index == items.count - 1
            guard let checked = item.checked else {
                if isLastItem { break walk }  // reported below as a truncated tail
                if let pending = pendingDamage {
                    result.problems.append(problem(.altered, pending, damagedMessage(items[pending])))
                    break walk
                }
                pendingDamage = index
                continue
            }
            let chainsHere = checked.prev == expectedPrev && checked.seq == expectedSeq

            if let pending = pendingDamage {
                let damaged = items[pending]
                let acknowledged =
                    checked.recovered.map {
                        damaged.path == item.path && $0.offset == damaged.line.offset
                            && $0.length == damaged.line.bytes.count
                            && $0.sha256 == AuditChain.sha256Hex(damaged.line.bytes)
                    } ?? false
                if !acknowledged {
                    if chainsHere && checked.hashMatches {
                        result.problems.append(
                            problem(.inserted, pending, "a line was inserted: " + damagedReason(damaged)
                                + " and the next entry chains over it"))
                    } else {
                        result.problems.append(problem(.altered, pending, damagedMessage(damaged)))
                    }
                    break walk
                }
                result.notes.append(
                    "\(damaged.location): an unfinished write (\(damaged.line.bytes.count) bytes) was closed and "
                        + "recorded by entry #\(checked.seq) at \(item.location)")
                pendingDamage = nil
            } else if let recovered = checked.recovered {
                result.problems.append(
                    problem(.removed, index, "a damaged line was removed: entry #\(checked.seq) records "
                        + "\(recovered.length) bytes at offset \(recovered.offset) that are not there"))
                break walk
            }

            if !checked.canonical {
                result.problems.append(
                    problem(.altered, index, "entry #\(checked.seq) was altered: the line is not in canonical form"))
                break walk
            }
            if !checked.hashMatches {
                let next = index + 1 < items.count ? items[index + 1].checked : nil
                if let next, next.prev == expectedPrev, next.seq == expectedSeq {
                    result.problems.append(
                        problem(.inserted, index, "entry #\(checked.seq) was inserted: its hash does not match "
                            + "its content and the next entry chains over it"))
                } else {
                    result.problems.append(
                        problem(.altered, index, "entry #\(checked.seq) was altered: its content does not match its hash"))
                }
                break walk
            }
            if checked.isMarker {
                if item.line.number != 1 {
                    result.problems.append(
                        problem(.inserted, index, "a rotation marker was inserted: markers only start a file"))
                    break walk
                }
                if lastAccepted == nil {
                    // The oldest file given is itself a continuation: its link is trusted.
                    expectedSeq = checked.seq
                    expectedPrev = checked.prev
                    if case .rotation(let marker) = checked.record {
                        result.notes.append(
                            "\(item.location): the chain continues from \(marker.continues) (entry #\(checked.seq - 1)); "
                                + "give that file first to check the link")
                    }
                }
            }
            if checked.prev == expectedPrev && checked.seq == expectedSeq {
                accepted[checked.hash] = index
                acceptedBySeq[checked.seq] = index
                lastAccepted = index
                expectedSeq = checked.seq + 1
                expectedPrev = checked.hash
                result.head = AuditHead(seq: checked.seq, hash: checked.hash)
                continue
            }
            result.problems.append(classifyBreak(at: index, items: items, expectedSeq: expectedSeq,
                                                 expectedPrev: expectedPrev, accepted: accepted,
                                                 lastAccepted: lastAccepted))
            break walk
        }

        let chainBroken = !result.problems.isEmpty
        for anchor in anchors {
            if let index = acceptedBySeq[anchor.seq] {
                if items[index].checked?.hash != anchor.hash {
                    result.problems.append(
                        problem(.altered, index, "entry #\(anchor.seq) does not match its anchor \(anchor.hash): "
                            + "the log was rewritten up to here"))
                }
            } else if !chainBroken, let lastIndex = items.indices.last {
                let end = result.head.map { "the log ends at entry #\($0.seq)" } ?? "the log is empty"
                result.problems.append(
                    problem(.removed, lastIndex, "entry #\(anchor.seq), anchored as \(anchor.hash), is missing: "
                        + "\(end) (entries were removed from its end)"))
            }
        }

        if let last = items.last, last.checked == nil {
            let message =
                last.line.terminated
                ? "truncated tail: the last line is not a valid entry (\(rawReason(last))); the next append records it"
                : "truncated tail: the last line has no newline (\(last.line.bytes.count) bytes); "
                    + "the next append closes and records it"
            result.problems.append(problem(.truncatedTail, items.count - 1, message))
        }
        return result
    }

    /// Names what happened when the record at `index` does not follow the last accepted one.
    static func classifyBreak(
        at index: Int, items: [Item], expectedSeq: Int, expectedPrev: String, accepted: [String: Int],
        lastAccepted: Int?
    ) -> AuditProblem {
        let item = items[index]
        let checked = item.checked
        let seq = checked?.seq ?? 0
        func here(_ kind: AuditProblem.Kind, _ message: String) -> AuditProblem {
            AuditProblem(kind: kind, path: item.path, line: item.line.number, message: message)
        }
        guard let checked else { return here(.altered, damagedMessage(item)) }

        if item.line.number == 1, index > 0, items[index - 1].path != item.path {
            return here(.removed, "entry #\(seq) does not continue \(items[index - 1].path) (which ends at entry "
                + "#\(expectedSeq - 1)): files given in the wrong order, or entries removed between them")
        }

        if let original = accepted[checked.hash] {
            return here(.inserted, "entry #\(seq) was inserted: it is a copy of \(items[original].location)")
        }
        if let earlier = accepted[checked.prev], let lastAccepted, earlier < lastAccepted {
            // The genuine entry chains to an earlier one: everything after that one was inserted.
            let first = items[earlier + 1]
            let what = first.checked.map { "entry #\($0.seq)" } ?? "a line"
            return AuditProblem(
                kind: .inserted, path: first.path, line: first.line.number,
                message: "\(what) was inserted: \(item.location) chains to \(items[earlier].location)")
        }
        let later = items.indices.dropFirst(index + 1)
        if let expectedHere = later.first(where: { items[$0].checked.map { $0.seq == expectedSeq && $0.prev == expectedPrev } ?? false }) {
            return here(.reordered, "entry #\(seq) is out of order: entry #\(expectedSeq), expected here, is at "
                + items[expectedHere].location)
        }
        if let predecessor = later.first(where: { items[$0].checked?.hash == checked.prev }) {
            return here(.reordered, "entry #\(seq) is out of order: it follows \(items[predecessor].location)")
        }
        if seq > expectedSeq {
            let missing = seq - 1 == expectedSeq ? "entry #\(expectedSeq) was removed" : "entries #\(expectedSeq) to #\(seq - 1) were removed"
            return here(.removed, "\(missing): this line holds entry #\(seq), whose previous entry is not in the log")
        }
        if seq == expectedSeq {
            guard let lastAccepted else {
                return here(.altered, "entry #\(seq) was altered: it does not start from the genesis hash")
            }
            let previous = items[lastAccepted]
            return AuditProblem(
                kind: .altered, path: previous.path, line: previous.line.number,
                message: "entry #\(seq - 1) was altered and re-hashed, or entry #\(seq) at \(item.location) was "
                    + "replaced: the chain breaks between them")
        }
        return here(.inserted, "entry #\(seq) was inserted: it chains to nothing in the log")
    }

    static func rawReason(_ item: Item) -> String {
        if case .damaged(let reason) = item.content { return reason }
        return "unknown"
    }

    static func damagedReason(_ item: Item) -> String { "it is not a valid entry (\(rawReason(item)))" }

    static func damagedMessage(_ item: Item) -> String {
        "line was altered: " + damagedReason(item)
    }
}
