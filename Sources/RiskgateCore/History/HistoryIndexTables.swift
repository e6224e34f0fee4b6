/// The compacted base of a history index, read in place from its bytes (typically a read-only
/// memory mapping owned by `owner`): opening it checks the header and the tables' sizes, and
/// each question is a binary search over a table, so a hook pays for the few paths it asks
/// about, not for the whole history.
///
/// Immutable after `init`, which is why it may be shared between threads (`@unchecked`: it
/// holds a raw pointer into memory that `owner` keeps alive and nobody writes).
public final class HistoryIndexTables: HistoryBase, @unchecked Sendable {
    private typealias Format = HistoryIndexFormat
    private let bytes: UnsafeRawBufferPointer
    private let owner: AnyObject?
    public let count: Int
    public let pathCount: Int
    private let postingCount: Int
    private let totals: FollowUpCounts
    private let sections: [Range<Int>]
    private let checksums: [UInt64]
    /// Where the base ends and the batches begin.
    public let baseLength: Int
    public let revisions: [String]
    public let tips: [ObjectID]
    public let link: HistoryLinkSettings

    /// - Parameters:
    ///   - bytes: at least the base (the header says how long it is).
    ///   - owner: keeps `bytes` valid for as long as these tables live.
    public init(bytes: UnsafeRawBufferPointer, owner: AnyObject?) throws(HistoryIndexFormatError) {
        self.bytes = bytes
        self.owner = owner
        guard bytes.count >= Format.headerLength else {
            throw bytes.count >= Format.magic.count && bytes.prefix(Format.magic.count).elementsEqual(Format.magic)
                ? .truncated : .notAnIndex
        }
        guard bytes.prefix(Format.magic.count).elementsEqual(Format.magic) else { throw .notAnIndex }
        let version = bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian
        guard version == Format.version else { throw .unsupportedVersion(String(version)) }
        let headerLength = Int(bytes.loadUnaligned(fromByteOffset: 20, as: UInt32.self).littleEndian)
        guard headerLength == Format.headerLength,
            HistoryChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<Format.headerChecksumOffset]))
                == Self.u64(bytes, Format.headerChecksumOffset)
        else { throw .damaged("header checksum") }
        func field(_ offset: Int) throws(HistoryIndexFormatError) -> Int {
            let value = Self.u64(bytes, offset)
            guard value <= UInt64(Int32.max) else { throw .damaged("header field at \(offset)") }
            return Int(value)
        }
        let baseLength = try field(Format.baseLengthOffset)
        guard baseLength <= bytes.count else { throw .truncated }
        self.baseLength = baseLength
        count = try field(Format.countsOffset)
        pathCount = try field(Format.countsOffset + 8)
        postingCount = try field(Format.countsOffset + 16)
        totals = FollowUpCounts(followed: try field(Format.countsOffset + 24), fixed: try field(Format.countsOffset + 32))
        var sections: [Range<Int>] = []
        var checksums: [UInt64] = []
        for index in Format.Section.allCases.indices {
            let offset = try field(Format.sectionsOffset + index * 16)
            let length = try field(Format.sectionsOffset + index * 16 + 8)
            guard offset >= Format.headerLength, length <= baseLength - offset else { throw .damaged("section \(index) outside the file") }
            sections.append(offset..<(offset + length))
            checksums.append(Self.u64(bytes, Format.checksumsOffset + index * 8))
        }
        self.sections = sections
        self.checksums = checksums
        func expect(_ section: Format.Section, _ entries: Int, _ size: Int) throws(HistoryIndexFormatError) {
            guard sections[section.rawValue].count == entries * size else { throw .damaged("\(section) table size") }
        }
        try expect(.ids, count, Format.idEntry)
        try expect(.subjects, count, Format.subjectEntry)
        try expect(.commits, count, Format.commitEntry)
        try expect(.paths, pathCount, Format.pathEntry)
        try expect(.postings, postingCount, Format.postingEntry)

        let meta = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[sections[Format.Section.meta.rawValue]]), as: UTF8.self)
        var revisions: [String]?
        var tips: [ObjectID]?
        var link: HistoryLinkSettings?
        for (number, line) in meta.split(separator: "\n").enumerated() {
            let text = String(line)
            if let rest = text.splitOnce("revisions") {
                revisions = rest.split(separator: "\t").map { HistoryIndexText.unescape($0) }
            } else if let rest = text.splitOnce("tips") {
                tips = try HistoryIndexText.ids(rest, line: number + 1)
            } else if let rest = text.splitOnce("link") {
                link = HistoryLinkSettings(encoded: String(rest))
            }
        }
        guard let revisions, let tips, let link else { throw .damaged("meta section") }
        self.revisions = revisions
        self.tips = tips
        self.link = link
    }

    /// Verifies every section against its checksum (reads the whole base).
    public func verify() throws(HistoryIndexFormatError) {
        for (index, range) in sections.enumerated()
        where HistoryChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[range])) != checksums[index] {
            throw .damaged("\(Format.Section.allCases[index]) section checksum")
        }
    }

    /// The base's commits as stored (arrival order), for compaction and re-linking.
    public func records() throws(HistoryIndexFormatError) -> [HistoryRecord] {
        let records = try HistoryIndexText.records(section(.records))
        guard records.count == count else { throw .damaged("records section has \(records.count) commits, header says \(count)") }
        return records
    }

    // MARK: - Raw access

    private static func u64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    private func section(_ section: Format.Section) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[sections[section.rawValue]])
    }

    private func u32(_ section: Format.Section, _ offset: Int) -> Int {
        Int(bytes.loadUnaligned(fromByteOffset: sections[section.rawValue].lowerBound + offset, as: UInt32.self).littleEndian)
    }

    private func u64(_ section: Format.Section, _ offset: Int) -> UInt64 {
        bytes.loadUnaligned(fromByteOffset: sections[section.rawValue].lowerBound + offset, as: UInt64.self).littleEndian
    }

    private func id(at index: Int) -> ObjectID {
        guard let base = bytes.baseAddress else { return .zero }
        return ObjectID(raw: base + sections[Format.Section.ids.rawValue].lowerBound + index * Format.idEntry)
    }

    /// A stored "position + 1, 0 for none" value.
    private func optionalPosition(_ stored: Int) -> Int? { stored == 0 ? nil : stored - 1 }

    private struct PathEntry {
        var first: Int
        var count: Int
    }

    /// The entry of a path, by binary search over the sorted names.
    private func pathEntry(_ path: String) -> PathEntry? {
        var query = path
        return query.withUTF8 { key -> PathEntry? in
            let names = section(.names)
            var low = 0
            var high = pathCount
            while low < high {
                let middle = (low + high) / 2
                let offset = u32(.paths, middle * Format.pathEntry)
                let length = u32(.paths, middle * Format.pathEntry + 4)
                guard offset <= names.count, length <= names.count - offset else { return nil }
                let order = Self.compare(UnsafeRawBufferPointer(rebasing: names[offset..<(offset + length)]), UnsafeRawBufferPointer(key))
                if order == 0 {
                    let first = u32(.paths, middle * Format.pathEntry + 8)
                    let count = u32(.paths, middle * Format.pathEntry + 12)
                    guard first <= postingCount, count <= postingCount - first else { return nil }
                    return PathEntry(first: first, count: count)
                }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let shared = min(a.count, b.count)
        var index = 0
        while index < shared {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    private func posting(_ index: Int) -> HistoryChange? {
        let offset = index * Format.postingEntry
        let position = u32(.postings, offset)
        guard position < count else { return nil }
        return HistoryChange(
            position: position, followedBy: optionalPosition(u32(.postings, offset + 4)),
            fixedBy: optionalPosition(u32(.postings, offset + 8)))
    }

    /// The first posting of an entry at or after `position` (binary search).
    private func lowerBound(_ entry: PathEntry, _ position: Int) -> Int {
        var low = entry.first
        var high = entry.first + entry.count
        while low < high {
            let middle = (low + high) / 2
            if u32(.postings, middle * Format.postingEntry) < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: - HistoryLookup

    public func position(of id: ObjectID) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self.id(at: middle) < id { low = middle + 1 } else { high = middle }
        }
        guard low < count, self.id(at: low) == id else { return nil }
        let position = u32(.ids, low * Format.idEntry + 20)
        return position < count ? position : nil
    }

    public func visitChanges(of path: String, before position: Int, _ body: (HistoryChange) -> Bool) {
        guard let entry = pathEntry(path) else { return }
        var index = lowerBound(entry, position)
        while index > entry.first {
            index -= 1
            guard let change = posting(index) else { continue }
            if !body(change) { return }
        }
    }

    public func landing(of position: Int) -> HistoryLanding {
        guard position >= 0, position < count else { return HistoryLanding(group: position, time: 0) }
        let offset = position * Format.commitEntry
        let group = u32(.commits, offset + 16)
        return HistoryLanding(
            group: group < count ? group : position, time: Int64(bitPattern: u64(.commits, offset)))
    }

    public func authorKey(of position: Int) -> UInt64 {
        guard position >= 0, position < count else { return 0 }
        return u64(.commits, position * Format.commitEntry + 8)
    }

    public func revertedBy(_ position: Int) -> Int? {
        guard position >= 0, position < count else { return nil }
        return optionalPosition(u32(.commits, position * Format.commitEntry + 20))
    }

    public func followUps(before position: Int) -> FollowUpCounts {
        guard position >= 0, position < count else { return totals }
        let offset = position * Format.commitEntry
        return FollowUpCounts(followed: u32(.commits, offset + 24), fixed: u32(.commits, offset + 28))
    }

    public func isMerge(_ position: Int) -> Bool {
        guard position >= 0, position < count else { return false }
        return u32(.commits, position * Format.commitEntry + 32) & 1 == 1
    }

    public func allPaths() -> [String] {
        let names = section(.names)
        var paths: [String] = []
        paths.reserveCapacity(pathCount)
        for index in 0..<pathCount {
            let offset = u32(.paths, index * Format.pathEntry)
            let length = u32(.paths, index * Format.pathEntry + 4)
            guard offset <= names.count, length <= names.count - offset else { continue }
            paths.append(String(decoding: UnsafeRawBufferPointer(rebasing: names[offset..<(offset + length)]), as: UTF8.self))
        }
        return paths
    }

    // MARK: - HistoryBase

    public func positions(matchingPrefix prefix: String) -> PrefixMatch {
        guard !prefix.isEmpty, prefix.count <= 40,
            let lower = ObjectID(hex: prefix + String(repeating: "0", count: 40 - prefix.count)),
            let upper = ObjectID(hex: prefix + String(repeating: "f", count: 40 - prefix.count))
        else { return .none }
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if id(at: middle) < lower { low = middle + 1 } else { high = middle }
        }
        guard low < count, id(at: low) <= upper else { return .none }
        if low + 1 < count, id(at: low + 1) <= upper { return .several }
        let position = u32(.ids, low * Format.idEntry + 20)
        return position < count ? .one(position) : .none
    }

    public func latestPosition(subjectKey: UInt64) -> Int? {
        // The last entry with this key: the first entry with a greater key, minus one.
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if u64(.subjects, middle * Format.subjectEntry) <= subjectKey { low = middle + 1 } else { high = middle }
        }
        guard low > 0, u64(.subjects, (low - 1) * Format.subjectEntry) == subjectKey else { return nil }
        let position = u32(.subjects, (low - 1) * Format.subjectEntry + 8)
        return position < count ? position : nil
    }

    public func lastChange(of path: String) -> Int? {
        guard let entry = pathEntry(path), entry.count > 0 else { return nil }
        return posting(entry.first + entry.count - 1)?.position
    }

    public func change(of path: String, at position: Int) -> HistoryChange? {
        guard let entry = pathEntry(path) else { return nil }
        let index = lowerBound(entry, position)
        guard index < entry.first + entry.count, let change = posting(index), change.position == position else { return nil }
        return change
    }
}
