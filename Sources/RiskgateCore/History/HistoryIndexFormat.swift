/// The history index as bytes: a versioned text file, one commit per line, oldest first.
///
/// ```
/// riskgate-history-index 1
/// revisions <arg>\t<arg>...        the revisions indexed (`HEAD` by default)
/// tips <hex> <hex>...              their commits when the index was last updated
/// c\t<id>\t<time>\t<author>\t<merge 0|1>\t<subject>\t<reverts ids,>\t<=reverted subject>\t<fixes ids,>\t<=fixup subject>\t<path>...
/// end <count>
/// ```
/// Fields escape `%`, tab, newline and carriage return as `%25`, `%09`, `%0A`, `%0D`. An optional
/// field is empty when absent and starts with `=` when present. The `end` line makes a
/// truncated file detectable. The format is plain text so an operator can read it with `less`.
public struct HistoryIndex: Hashable, Sendable {
    public static let version = 1
    public static let magic = "riskgate-history-index"

    public var revisions: [String]
    public var tips: [ObjectID]
    public var records: [HistoryRecord]

    public init(revisions: [String], tips: [ObjectID], records: [HistoryRecord]) {
        self.revisions = revisions
        self.tips = tips
        self.records = records
    }
}

/// Why stored bytes are not a usable index (then it is rebuilt, never half-trusted).
public enum HistoryIndexFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAnIndex
    case unsupportedVersion(String)
    case malformed(line: Int, reason: String)
    case truncated

    public var description: String {
        switch self {
        case .notAnIndex: "not a riskgate history index (bad header)"
        case .unsupportedVersion(let version): "history index version \(version) is not \(HistoryIndex.version)"
        case .malformed(let line, let reason): "history index line \(line): \(reason)"
        case .truncated: "history index is truncated (no end line)"
        }
    }
}

extension HistoryIndex {
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * 120)
        func line(_ text: String) {
            out.append(contentsOf: text.utf8)
            out.append(10)
        }
        line("\(HistoryIndex.magic) \(HistoryIndex.version)")
        line("revisions " + revisions.map(HistoryIndex.escape).joined(separator: "\t"))
        line("tips " + tips.map(\.hex).joined(separator: " "))
        for record in records {
            var fields = [
                "c", record.id.hex, String(record.time), HistoryIndex.escape(record.author), record.isMerge ? "1" : "0",
                HistoryIndex.escape(record.subject),
                record.signals.revertsIDs.joined(separator: ","),
                record.signals.revertsSubject.map { "=" + HistoryIndex.escape($0) } ?? "",
                record.signals.fixesIDs.joined(separator: ","),
                record.signals.fixupSubject.map { "=" + HistoryIndex.escape($0) } ?? "",
            ]
            fields += record.paths.map(HistoryIndex.escape)
            line(fields.joined(separator: "\t"))
        }
        line("end \(records.count)")
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws(HistoryIndexFormatError) -> HistoryIndex {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        guard lines.last?.isEmpty == true else { throw .truncated }
        lines.removeLast()
        guard let header = lines.first.map({ String(decoding: $0, as: UTF8.self) }),
            header.hasPrefix(magic + " ")
        else { throw .notAnIndex }
        let version = header.dropFirst(magic.count + 1)
        guard version == String(HistoryIndex.version) else { throw .unsupportedVersion(String(version)) }
        guard lines.count >= 4 else { throw .truncated }
        let revisionsLine = String(decoding: lines[1], as: UTF8.self)
        guard revisionsLine.hasPrefix("revisions ") else { throw .malformed(line: 2, reason: "expected `revisions`") }
        let revisions = revisionsLine.dropFirst(10).split(separator: "\t").map { unescape($0) }
        let tipsLine = String(decoding: lines[2], as: UTF8.self)
        guard tipsLine.hasPrefix("tips") else { throw .malformed(line: 3, reason: "expected `tips`") }
        var tips: [ObjectID] = []
        for hex in tipsLine.dropFirst(4).split(separator: " ") {
            guard let id = ObjectID(hex: hex) else { throw .malformed(line: 3, reason: "bad tip id `\(hex)`") }
            tips.append(id)
        }
        let footer = String(decoding: lines[lines.count - 1], as: UTF8.self)
        guard footer.hasPrefix("end "), let count = Int(footer.dropFirst(4)) else { throw .truncated }
        guard count == lines.count - 4 else {
            throw .malformed(line: lines.count, reason: "end line says \(count) commits, file has \(lines.count - 4)")
        }
        var records: [HistoryRecord] = []
        records.reserveCapacity(count)
        for number in 3..<(lines.count - 1) {
            records.append(try record(lines[number], line: number + 1))
        }
        return HistoryIndex(revisions: revisions, tips: tips, records: records)
    }

    private static func record(_ bytes: ArraySlice<UInt8>, line: Int) throws(HistoryIndexFormatError) -> HistoryRecord {
        let fields = bytes.split(separator: 9, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard fields.count >= 10, fields[0] == "c" else { throw .malformed(line: line, reason: "expected a commit line") }
        guard let id = ObjectID(hex: fields[1]) else { throw .malformed(line: line, reason: "bad commit id") }
        guard let time = Int64(fields[2]) else { throw .malformed(line: line, reason: "bad time") }
        guard fields[4] == "0" || fields[4] == "1" else { throw .malformed(line: line, reason: "bad merge flag") }
        func optional(_ field: String) throws(HistoryIndexFormatError) -> String? {
            if field.isEmpty { return nil }
            guard field.hasPrefix("=") else { throw .malformed(line: line, reason: "bad optional field") }
            return unescape(field.dropFirst())
        }
        func ids(_ field: String) -> [String] { field.split(separator: ",").map(String.init) }
        let signals = MessageSignals(
            revertsIDs: ids(fields[6]), revertsSubject: try optional(fields[7]), fixesIDs: ids(fields[8]),
            fixupSubject: try optional(fields[9]))
        return HistoryRecord(
            id: id, time: time, author: unescape(fields[3][...]), isMerge: fields[4] == "1",
            subject: unescape(fields[5][...]), signals: signals, paths: fields.dropFirst(10).map { unescape($0[...]) })
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 37 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var out = ""
        var rest = text[...]
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let code = rest[percent...].prefix(3)
            switch code {
            case "%25": out += "%"
            case "%09": out += "\t"
            case "%0A": out += "\n"
            case "%0D": out += "\r"
            default: out += code
            }
            rest = rest[code.endIndex...]
        }
        out += rest
        return out
    }
}
