/// Pairs deleted and added paths of one commit whose content is byte-identical, as git's
/// exact rename detection (`-M100%`) does before any similarity scoring.
public enum ExactRenames {
    /// The id of the empty blob. Empty files are never paired: every empty `__init__.py` looks
    /// like every other, and pairing them would invent renames.
    public static let emptyBlob = ObjectID(hex: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391") ?? .zero

    /// Index pairs `(deleted, added)`. Each side is used at most once; among several deleted
    /// candidates with the same content, one with the same file name wins (git's preference),
    /// else the first in path order.
    public static func pair(deleted: [(path: [UInt8], id: ObjectID)], added: [(path: [UInt8], id: ObjectID)])
        -> [(deleted: Int, added: Int)]
    {
        guard !deleted.isEmpty, !added.isEmpty else { return [] }
        var byContent: [ObjectID: [Int]] = [:]
        for (index, entry) in deleted.enumerated() where entry.id != emptyBlob {
            byContent[entry.id, default: []].append(index)
        }
        guard !byContent.isEmpty else { return [] }
        var used = Set<Int>()
        var pairs: [(deleted: Int, added: Int)] = []
        for (addedIndex, entry) in added.enumerated() {
            guard let candidates = byContent[entry.id] else { continue }
            let free = candidates.filter { !used.contains($0) }
            guard let first = free.first else { continue }
            let name = baseName(entry.path)
            let chosen = free.first { baseName(deleted[$0].path) == name } ?? first
            used.insert(chosen)
            pairs.append((chosen, addedIndex))
        }
        return pairs
    }

    static func baseName(_ path: [UInt8]) -> ArraySlice<UInt8> {
        if let slash = path.lastIndex(of: UInt8(ascii: "/")) { return path[(slash + 1)...] }
        return path[...]
    }
}
