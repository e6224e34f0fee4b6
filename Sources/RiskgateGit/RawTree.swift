import CLibGit2
import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// A tree object's raw bytes (`<octal mode> <name>\0<20-byte id>` per entry), read from the
/// object database and parsed entry by entry as a diff reaches them.
///
/// libgit2's `git_tree_lookup` parses every entry up front, and its mode parser costs more
/// instructions than git's whole tree walk; a diff that prunes equal subtrees needs only the
/// entries it passes over, and those only as bytes.
final class RawTree {
    /// The normalised mode of a subtree.
    static let treeMode: UInt32 = 0o040000

    private let object: OpaquePointer
    let id: ObjectID
    let bytes: UnsafeRawBufferPointer

    /// Takes ownership of a `git_odb_object` holding a tree.
    init(object: OpaquePointer, id: ObjectID) {
        self.object = object
        self.id = id
        bytes = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
    }

    deinit { git_odb_object_free(object) }

    /// How many leading bytes two trees share, and how many trailing ones.
    static func commonEnds(_ a: RawTree, _ b: RawTree) -> (prefix: Int, suffix: Int) {
        let left = a.bytes
        let right = b.bytes
        let shorter = min(left.count, right.count)
        guard shorter > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return (0, 0) }
        var prefix = 0
        while prefix + 8 <= shorter,
            leftBase.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
                == rightBase.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
        {
            prefix += 8
        }
        while prefix < shorter, left[prefix] == right[prefix] { prefix += 1 }
        var suffix = 0
        let leftEnd = left.count
        let rightEnd = right.count
        while suffix + 8 <= shorter - prefix,
            leftBase.loadUnaligned(fromByteOffset: leftEnd - suffix - 8, as: UInt64.self)
                == rightBase.loadUnaligned(fromByteOffset: rightEnd - suffix - 8, as: UInt64.self)
        {
            suffix += 8
        }
        while suffix < shorter - prefix, left[leftEnd - suffix - 1] == right[rightEnd - suffix - 1] { suffix += 1 }
        return (prefix, suffix)
    }

    /// One entry. `name` points into its tree's bytes: valid while the tree is alive, and
    /// copied out only for a path that goes into the result.
    struct Entry {
        /// Normalised as libgit2's `git_tree_entry_filemode` does: tree, executable, gitlink,
        /// symlink, else a plain blob.
        var mode: UInt32
        var name: UnsafeRawBufferPointer
        var id: ObjectID

        var isTree: Bool { mode == RawTree.treeMode }

        /// git's tree order (`base_name_compare`): bytes, with a tree's name compared as if it
        /// ended in `/`.
        static func order(_ a: Entry, _ b: Entry) -> Int {
            let common = min(a.name.count, b.name.count)
            if common > 0, let left = a.name.baseAddress, let right = b.name.baseAddress {
                let compared = memcmp(left, right, common)
                if compared != 0 { return compared < 0 ? -1 : 1 }
            }
            let next1: UInt8 = a.name.count > common ? a.name[common] : (a.isTree ? UInt8(ascii: "/") : 0)
            let next2: UInt8 = b.name.count > common ? b.name[common] : (b.isTree ? UInt8(ascii: "/") : 0)
            return next1 < next2 ? -1 : (next1 > next2 ? 1 : 0)
        }

        /// libgit2's `normalize_filemode`, in its order (equal to git's for every mode git writes).
        static func normalize(_ raw: UInt32) -> UInt32 {
            if raw & 0o170000 == 0o040000 { return 0o040000 }
            if raw & 0o111 != 0 { return 0o100755 }
            if raw & 0o170000 == 0o160000 { return 0o160000 }
            if raw & 0o170000 == 0o120000 { return 0o120000 }
            return 0o100644
        }
    }

    /// Where an empty cursor points (never read: its cursor equals its end).
    nonisolated(unsafe) private static let nothing = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// The entries in stored order; an empty sequence for a nil tree (the empty tree).
    struct Entries {
        /// Keeps the bytes alive.
        private let tree: RawTree?
        private var cursor: UnsafePointer<UInt8>
        private let end: UnsafePointer<UInt8>

        init(_ tree: RawTree?) {
            self.tree = tree
            let start = tree?.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            cursor = start ?? UnsafePointer(RawTree.nothing)
            end = start.map { $0 + (tree?.bytes.count ?? 0) } ?? cursor
        }

        /// Bytes left from the cursor to the end.
        var remaining: Int { end - cursor }

        /// Steps over the entries that lie wholly in the first `length` bytes without parsing
        /// them (only their name terminators are found). Returns false on malformed bytes.
        mutating func skipEntries(within length: Int) {
            guard let base = tree?.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let limit = base + length
            while cursor < limit {
                guard let terminator = memchr(cursor, 0, end - cursor) else { return }
                let next = UnsafePointer<UInt8>(terminator.assumingMemoryBound(to: UInt8.self)) + 21
                guard next <= limit else { return }
                cursor = next
            }
        }

        mutating func next() throws(GitError) -> Entry? {
            guard cursor < end else { return nil }
            var position = cursor
            var mode: UInt32 = 0
            while position < end, position.pointee != UInt8(ascii: " ") {
                let digit = position.pointee &- UInt8(ascii: "0")
                guard digit < 8, mode < 0o1000000 else { throw corrupt() }
                mode = mode << 3 | UInt32(digit)
                position += 1
            }
            guard position > cursor, position < end else { throw corrupt() }
            let nameStart = position + 1
            guard let terminator = memchr(nameStart, 0, end - nameStart) else { throw corrupt() }
            let nameEnd = UnsafePointer<UInt8>(terminator.assumingMemoryBound(to: UInt8.self))
            guard nameEnd > nameStart, end - nameEnd >= 21 else { throw corrupt() }
            let entry = Entry(
                mode: Entry.normalize(mode), name: UnsafeRawBufferPointer(start: nameStart, count: nameEnd - nameStart),
                id: ObjectID(raw: nameEnd + 1))
            cursor = nameEnd + 21
            return entry
        }

        private func corrupt() -> GitError {
            let id = tree?.id.hex ?? "?"
            let offset = tree?.bytes.baseAddress.map { UnsafeRawPointer(cursor) - $0 } ?? 0
            return .call(function: "parse tree", code: -1, message: "tree \(id) is malformed at byte \(offset)")
        }
    }
}
