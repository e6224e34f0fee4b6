/// The history index as bytes, format version 2: a compacted **base** of binary tables that a
/// hook searches in place (memory-mapped, binary search, nothing parsed up front), followed by
/// append-only **batches** of newer commits.
///
/// ```
/// header (272 bytes, little-endian)
///   "RISKGATE-HISTIDX" · version u32 = 2 · header length u32 · base length u64 · commits u64 ·
///   paths u64 · changes u64 · follow-ups u64 · fixes u64 · 8 × (offset u64, length u64) ·
///   8 × section checksum u64 · header checksum u64 (FNV-1a of everything before it)
/// meta      text: `revisions <rev>\t<rev>...`, `tips <hex> ...`, `link window=<s> words=<w>,...`
/// ids       per commit, sorted by id: id (20 bytes) · position u32
/// subjects  per commit, sorted: subject key u64 · position u32 · 0 u32
/// commits   per position: landing time i64 · author key u64 · landing position u32 ·
///           reverted by (position + 1, 0: never) u32 · follow-ups before u32 · fixes before u32 ·
///           flags u32 (1: merge) · 0 u32
/// paths     sorted by UTF-8 bytes: name offset u32 · name length u32 · first change u32 · changes u32
/// names     the paths' bytes
/// changes   per path, ascending: position u32 · followed up by (+1) u32 · fixed by (+1) u32
/// records   text, one commit per line, for compaction and re-linking without reading git:
///           c\t<id>\t<time>\t<landing offset>\t<author>\t<merge 0|1>\t<subject>\t<reverts ids,>\t
///           <=reverted subject>\t<fixes ids,>\t<=fixup subject>\t<path>...
/// ```
/// After the base, each update appends one batch (its records in the same text form):
/// ```
/// batch <commits> <body bytes>
/// <record lines> tips <hex> ...
/// end <FNV-1a of the body, 16 hex digits>
/// ```
/// A batch without its complete `end` line (a writer still at work, or one that crashed) is not
/// there for readers; the next writer compacts the file. Writers replace the file with
/// `rename(2)` and append only under the index lock, so a reader sees a consistent prefix.
///
/// Readers check the header's checksum, the magic, the version and that every table fits; every
/// value read from a table is range-checked before use, so a damaged file gives wrong numbers at
/// worst, never a crash. `history build` verifies every section's checksum and rebuilds a
/// damaged index.
public enum HistoryIndexFormat {
    public static let version: UInt32 = 2
    static let magic: [UInt8] = Array("RISKGATE-HISTIDX".utf8)
    static let headerLength = 272

    enum Section: Int, CaseIterable {
        case meta, ids, subjects, commits, paths, names, postings, records
    }

    static let idEntry = 24
    static let subjectEntry = 16
    static let commitEntry = 40
    static let pathEntry = 16
    static let postingEntry = 12

    /// Header field offsets.
    static let baseLengthOffset = 24
    static let countsOffset = 32  // commits, paths, changes, follow-ups, fixes: 5 × u64
    static let sectionsOffset = 72
    static let checksumsOffset = 72 + 16 * 8
    static let headerChecksumOffset = 72 + 16 * 8 + 8 * 8

    /// The bytes of a base holding `records` (arrival order), linked from scratch with `link`,
    /// and the model that was written (for the caller's report).
    public static func encodeBase(
        records: [HistoryRecord], link: HistoryLinkSettings, revisions: [String], tips: [ObjectID]
    ) -> (bytes: [UInt8], model: HistoryModel) {
        let model = HistoryModel(base: EmptyHistoryBase(), records: records, link: link)
        return (encodeBase(model, revisions: revisions, tips: tips), model)
    }

    /// `model` must have been built from scratch (an empty base).
    static func encodeBase(_ model: HistoryModel, revisions: [String], tips: [ObjectID]) -> [UInt8] {
        let records = model.records
        var sections: [[UInt8]] = Array(repeating: [], count: Section.allCases.count)

        var meta = "revisions " + revisions.map(HistoryIndexText.escape).joined(separator: "\t") + "\n"
        meta += "tips " + tips.map(\.hex).joined(separator: " ") + "\n"
        meta += "link " + model.link.encoded + "\n"
        sections[Section.meta.rawValue] = Array(meta.utf8)

        var ids = ByteWriter(capacity: records.count * idEntry)
        for (position, record) in records.enumerated().sorted(by: { $0.element.id < $1.element.id }) {
            ids.id(record.id)
            ids.u32(position)
        }
        sections[Section.ids.rawValue] = ids.bytes

        var subjectKeys: [(key: UInt64, position: Int)] = []
        subjectKeys.reserveCapacity(records.count)
        for (key, positions) in model.subjects { for position in positions { subjectKeys.append((key, position)) } }
        subjectKeys.sort { ($0.key, $0.position) < ($1.key, $1.position) }
        var subjects = ByteWriter(capacity: records.count * subjectEntry)
        for entry in subjectKeys {
            subjects.u64(entry.key)
            subjects.u32(entry.position)
            subjects.u32(0)
        }
        sections[Section.subjects.rawValue] = subjects.bytes

        var commits = ByteWriter(capacity: records.count * commitEntry)
        for position in records.indices {
            let landing = model.landings[position]
            let before = model.followUpsBefore[position]
            commits.i64(landing.time)
            commits.u64(model.authorKeys[position])
            commits.u32(landing.group)
            commits.u32(model.revertedBy(position).map { $0 + 1 } ?? 0)
            commits.u32(before.followed)
            commits.u32(before.fixed)
            commits.u32(records[position].isMerge ? 1 : 0)
            commits.u32(0)
        }
        sections[Section.commits.rawValue] = commits.bytes

        let paths = model.changesByPath.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var pathTable = ByteWriter(capacity: paths.count * pathEntry)
        var names = ByteWriter(capacity: paths.count * 32)
        var postings = ByteWriter(capacity: records.count * 4 * postingEntry)
        var postingCount = 0
        for path in paths {
            let changes = model.changesByPath[path] ?? []
            let name = Array(path.utf8)
            pathTable.u32(names.bytes.count)
            pathTable.u32(name.count)
            pathTable.u32(postingCount)
            pathTable.u32(changes.count)
            names.bytes.append(contentsOf: name)
            for change in changes {
                postings.u32(change.position)
                postings.u32(change.followedBy.map { $0 + 1 } ?? 0)
                postings.u32(change.fixedBy.map { $0 + 1 } ?? 0)
            }
            postingCount += changes.count
        }
        sections[Section.paths.rawValue] = pathTable.bytes
        sections[Section.names.rawValue] = names.bytes
        sections[Section.postings.rawValue] = postings.bytes

        var text: [UInt8] = []
        text.reserveCapacity(records.count * 120)
        for record in records { HistoryIndexText.appendLine(record, to: &text) }
        sections[Section.records.rawValue] = text

        var header = ByteWriter(capacity: headerLength)
        header.bytes.append(contentsOf: magic)
        header.u32(Int(version))
        header.u32(headerLength)
        var offset = headerLength
        var layout: [(offset: Int, length: Int)] = []
        for section in sections {
            offset = (offset + 7) & ~7
            layout.append((offset, section.count))
            offset += section.count
        }
        let baseLength = (offset + 7) & ~7
        header.u64(UInt64(baseLength))
        header.u64(UInt64(records.count))
        header.u64(UInt64(paths.count))
        header.u64(UInt64(postingCount))
        header.u64(UInt64(model.followUpTotals.followed))
        header.u64(UInt64(model.followUpTotals.fixed))
        for entry in layout {
            header.u64(UInt64(entry.offset))
            header.u64(UInt64(entry.length))
        }
        for section in sections { header.u64(HistoryChecksum.of(section[...])) }
        header.u64(HistoryChecksum.of(header.bytes[...]))

        var out = header.bytes
        out.reserveCapacity(baseLength)
        for (index, section) in sections.enumerated() {
            out.append(contentsOf: repeatElement(0, count: layout[index].offset - out.count))
            out.append(contentsOf: section)
        }
        out.append(contentsOf: repeatElement(0, count: baseLength - out.count))
        return out
    }

    // MARK: - Batches

    /// One appended update: its records (arrival order, after everything before) and the tips.
    public struct Batch: Hashable, Sendable {
        public var records: [HistoryRecord]
        public var tips: [ObjectID]

        public init(records: [HistoryRecord], tips: [ObjectID]) {
            self.records = records
            self.tips = tips
        }
    }

    public static func encode(_ batch: Batch) -> [UInt8] {
        var body: [UInt8] = []
        for record in batch.records { HistoryIndexText.appendLine(record, to: &body) }
        body.append(contentsOf: Array(("tips " + batch.tips.map(\.hex).joined(separator: " ") + "\n").utf8))
        var out = Array("batch \(batch.records.count) \(body.count)\n".utf8)
        out.append(contentsOf: body)
        out.append(contentsOf: Array("end \(HistoryChecksum.hex(HistoryChecksum.of(body[...])))\n".utf8))
        return out
    }

    /// The complete batches in `bytes` (what follows a base), and how many bytes they span.
    /// `torn` is true when bytes follow that are not a complete, intact batch.
    public static func decodeBatches(_ bytes: UnsafeRawBufferPointer) -> (batches: [Batch], length: Int, torn: Bool) {
        var batches: [Batch] = []
        var offset = 0
        while offset < bytes.count {
            guard let headerEnd = HistoryIndexText.lineEnd(in: bytes, from: offset),
                let (count, bodyLength) = batchHeader(HistoryIndexText.string(bytes, offset..<headerEnd)),
                bodyLength <= bytes.count - headerEnd - 1
            else { break }
            let bodyStart = headerEnd + 1
            let bodyEnd = bodyStart + bodyLength
            guard let endLine = HistoryIndexText.lineEnd(in: bytes, from: bodyEnd),
                HistoryIndexText.string(bytes, bodyEnd..<endLine)
                    == "end " + HistoryChecksum.hex(HistoryChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])))
            else { break }
            guard let batch = try? decodeBody(UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyEnd])),
                batch.records.count == count
            else { break }
            batches.append(batch)
            offset = endLine + 1
        }
        return (batches, offset, offset < bytes.count)
    }

    /// `batch <commits> <body bytes>`.
    private static func batchHeader(_ line: String) -> (count: Int, bodyLength: Int)? {
        guard let rest = line.splitOnce("batch ") else { return nil }
        let numbers = rest.split(separator: " ")
        guard numbers.count == 2, let count = Int(numbers[0]), let length = Int(numbers[1]), count >= 0, length >= 0
        else { return nil }
        return (count, length)
    }

    private static func decodeBody(_ body: UnsafeRawBufferPointer) throws(HistoryIndexFormatError) -> Batch {
        var records: [HistoryRecord] = []
        var tips: [ObjectID]?
        var start = 0
        var line = 1
        while start < body.count {
            guard let end = HistoryIndexText.lineEnd(in: body, from: start) else { throw .truncated }
            let slice = UnsafeRawBufferPointer(rebasing: body[start..<end])
            if slice.first == UInt8(ascii: "c") {
                records.append(try HistoryIndexText.record(slice, line: line))
            } else {
                let text = HistoryIndexText.string(body, start..<end)
                guard tips == nil, let list = text.splitOnce("tips") else { throw .malformed(line: line, reason: "expected a commit or `tips`") }
                tips = try HistoryIndexText.ids(list, line: line)
            }
            start = end + 1
            line += 1
        }
        guard let tips else { throw .malformed(line: line, reason: "batch without `tips`") }
        return Batch(records: records, tips: tips)
    }
}

/// Why stored bytes are not a usable index (then it is rebuilt, never half-trusted).
public enum HistoryIndexFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAnIndex
    case unsupportedVersion(String)
    case malformed(line: Int, reason: String)
    case damaged(String)
    case truncated

    public var description: String {
        switch self {
        case .notAnIndex: "not a riskgate history index (bad header)"
        case .unsupportedVersion(let version): "history index version \(version) is not \(HistoryIndexFormat.version)"
        case .malformed(let line, let reason): "history index line \(line): \(reason)"
        case .damaged(let reason): "history index is damaged (\(reason))"
        case .truncated: "history index is truncated"
        }
    }
}

/// FNV-1a, 64 bits: cheap, and enough to notice a torn or altered file (not an adversary).
enum HistoryChecksum {
    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Little-endian output for the base's tables.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func u32(_ value: Int) {
        let clamped = UInt32(clamping: value)
        withUnsafeBytes(of: clamped.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func id(_ id: ObjectID) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 20))
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { id.store(to: base + start) }
        }
    }
}

/// The text parts of the index: escaping, record lines.
enum HistoryIndexText {
    /// Fields escape `%`, tab, newline and carriage return as `%25`, `%09`, `%0A`, `%0D`.
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

    static func appendLine(_ record: HistoryRecord, to out: inout [UInt8]) {
        var fields = [
            "c", record.id.hex, String(record.time), String(record.landingOffset), escape(record.author),
            record.isMerge ? "1" : "0", escape(record.subject),
            record.signals.revertsIDs.joined(separator: ","),
            record.signals.revertsSubject.map { "=" + escape($0) } ?? "",
            record.signals.fixesIDs.joined(separator: ","),
            record.signals.fixupSubject.map { "=" + escape($0) } ?? "",
        ]
        fields += record.paths.map(escape)
        out.append(contentsOf: Array(fields.joined(separator: "\t").utf8))
        out.append(10)
    }

    /// Every record line of a records section.
    static func records(_ bytes: UnsafeRawBufferPointer) throws(HistoryIndexFormatError) -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            guard let end = lineEnd(in: bytes, from: start) else { throw .truncated }
            records.append(try record(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), line: line))
            start = end + 1
            line += 1
        }
        return records
    }

    static func record(_ bytes: UnsafeRawBufferPointer, line: Int) throws(HistoryIndexFormatError) -> HistoryRecord {
        let fields = bytes.split(separator: 9, omittingEmptySubsequences: false).map {
            String(decoding: UnsafeRawBufferPointer(rebasing: $0), as: UTF8.self)
        }
        guard fields.count >= 11, fields[0] == "c" else { throw .malformed(line: line, reason: "expected a commit line") }
        guard let id = ObjectID(hex: fields[1]) else { throw .malformed(line: line, reason: "bad commit id") }
        guard let time = Int64(fields[2]) else { throw .malformed(line: line, reason: "bad time") }
        guard let landingOffset = Int(fields[3]), landingOffset >= 0 else {
            throw .malformed(line: line, reason: "bad landing offset")
        }
        guard fields[5] == "0" || fields[5] == "1" else { throw .malformed(line: line, reason: "bad merge flag") }
        func optional(_ field: String) throws(HistoryIndexFormatError) -> String? {
            if field.isEmpty { return nil }
            guard field.hasPrefix("=") else { throw .malformed(line: line, reason: "bad optional field") }
            return unescape(field.dropFirst())
        }
        func ids(_ field: String) -> [String] { field.split(separator: ",").map(String.init) }
        let signals = MessageSignals(
            revertsIDs: ids(fields[7]), revertsSubject: try optional(fields[8]), fixesIDs: ids(fields[9]),
            fixupSubject: try optional(fields[10]))
        return HistoryRecord(
            id: id, time: time, author: unescape(fields[4][...]), isMerge: fields[5] == "1",
            subject: unescape(fields[6][...]), signals: signals, paths: fields.dropFirst(11).map { unescape($0[...]) },
            landingOffset: landingOffset)
    }

    static func ids(_ text: Substring, line: Int) throws(HistoryIndexFormatError) -> [ObjectID] {
        var ids: [ObjectID] = []
        for hex in text.split(separator: " ") {
            guard let id = ObjectID(hex: hex) else { throw .malformed(line: line, reason: "bad tip id `\(hex)`") }
            ids.append(id)
        }
        return ids
    }

    /// The index of the next newline at or after `start`, nil when there is none.
    static func lineEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == 10 { return index }
            index += 1
        }
        return nil
    }

    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension String {
    /// What follows `prefix` (and one optional space), nil when the string does not start with it.
    func splitOnce(_ prefix: String) -> Substring? {
        guard hasPrefix(prefix) else { return nil }
        var rest = dropFirst(prefix.count)
        if rest.first == " " { rest = rest.dropFirst() }
        return rest
    }
}
