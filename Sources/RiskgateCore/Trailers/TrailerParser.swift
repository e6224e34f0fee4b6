/// Parses trailers exactly as git 2.39's `trailer.c` does with default configuration, plus the
/// one rule newer git adds: a `key://` line (a URL) is not a trailer.
///
/// The algorithm, in git's words and order:
/// 1. Cut the message at the first line starting with `---` followed by white space (a patch).
/// 2. Drop trailing comment (`#`) and blank lines.
/// 3. The first paragraph (the subject) is never trailers.
/// 4. Walking back from the end, the trailer block is the last paragraph when every line in it
///    is a trailer, or when it has a git-generated line (`Signed-off-by: `,
///    `(cherry picked from commit `) and at least 25% of its lines are trailers.
/// 5. Lines starting with white space continue the previous trailer; values are unfolded and
///    trimmed, so `CRLF` endings and folded values come out clean (unlike `git_message_trailers`).
public enum TrailerParser {
    static let gitGeneratedPrefixes: [[UInt8]] = [
        Array("Signed-off-by: ".utf8), Array("(cherry picked from commit ".utf8),
    ]
    static let commentCharacter = UInt8(ascii: "#")

    /// The trailers of a message, as `git interpret-trailers --parse` lists them.
    public static func parse(_ message: String) -> [Trailer] {
        parse(bytes: Array(message.utf8))
    }

    public static func parse(bytes: [UInt8]) -> [Trailer] {
        guard let block = trailerBlock(bytes) else { return [] }
        var trailers: [Trailer] = []
        for item in joinContinuations(block) {
            guard let separator = separatorPosition(item), separator >= 1 else { continue }
            guard !isURLScheme(item, separator: separator) else { continue }
            let key = LenientText.decode(item[0..<separator]).trimmingWhitespace()
            let value = unfold(Array(item[(separator + 1)...]))
            trailers.append(Trailer(key: String(key), value: value))
        }
        return trailers
    }

    /// The byte range of the trailer block, or nil when the message has none.
    static func trailerBlock(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let patchStart = findPatchStart(bytes)
        let end = patchStart - ignoredTailLength(bytes, length: patchStart)
        let start = findTrailerStart(bytes, length: end)
        guard start < end else { return nil }
        return bytes[start..<end]
    }

    /// Splits the block into lines and appends continuation lines to the trailer before them.
    static func joinContinuations(_ block: ArraySlice<UInt8>) -> [[UInt8]] {
        var items: [[UInt8]] = []
        var lastIsTrailer = false
        var lineStart = block.startIndex
        while lineStart < block.endIndex {
            var lineEnd = lineStart
            while lineEnd < block.endIndex, block[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = lineEnd < block.endIndex ? lineEnd + 1 : lineEnd
            let line = Array(block[lineStart..<next])
            lineStart = next
            if lastIsTrailer, let first = line.first, isSpace(first), let last = items.indices.last {
                items[last].append(contentsOf: line)
                continue
            }
            items.append(line)
            lastIsTrailer = (separatorPosition(line) ?? 0) >= 1
        }
        return items
    }

    // MARK: - git's helpers, ported

    /// `find_patch_start`: the first line that starts with `---` and a white-space character.
    static func findPatchStart(_ bytes: [UInt8]) -> Int {
        var lineStart = 0
        while lineStart < bytes.count {
            if lineStart + 3 < bytes.count, bytes[lineStart] == UInt8(ascii: "-"),
                bytes[lineStart + 1] == UInt8(ascii: "-"), bytes[lineStart + 2] == UInt8(ascii: "-"),
                isSpace(bytes[lineStart + 3])
            {
                return lineStart
            }
            lineStart = nextLine(bytes, lineStart, bytes.count)
        }
        return bytes.count
    }

    /// `ignore_non_trailer`: the length of trailing comment and blank lines.
    static func ignoredTailLength(_ bytes: [UInt8], length: Int) -> Int {
        let cutoff = scissorsPosition(bytes, length: length) ?? length
        var beginningOfComments = 0
        var lineStart = 0
        var inConflictsBlock = false
        let conflicts = Array("Conflicts:\n".utf8)
        while lineStart < cutoff {
            let next = nextLine(bytes, lineStart, length)
            let first = bytes[lineStart]
            if first == commentCharacter || first == UInt8(ascii: "\n") {
                if beginningOfComments == 0 { beginningOfComments = lineStart }
            } else if hasPrefix(bytes, at: lineStart, end: length, conflicts) {
                inConflictsBlock = true
                if beginningOfComments == 0 { beginningOfComments = lineStart }
            } else if inConflictsBlock && first == UInt8(ascii: "\t") {
                // a path inside an old "Conflicts:" block
            } else if beginningOfComments != 0 {
                beginningOfComments = 0
                inConflictsBlock = false
            }
            lineStart = next
        }
        return beginningOfComments != 0 ? length - beginningOfComments : length - cutoff
    }

    /// `wt_status_locate_end`: the scissors line git writes in verbose commit templates.
    static func scissorsPosition(_ bytes: [UInt8], length: Int) -> Int? {
        let scissors = Array("# ------------------------ >8 ------------------------\n".utf8)
        if hasPrefix(bytes, at: 0, end: length, scissors) { return 0 }
        var index = 0
        while index < length {
            if bytes[index] == UInt8(ascii: "\n"), hasPrefix(bytes, at: index + 1, end: length, scissors) {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// `find_trailer_start`.
    static func findTrailerStart(_ bytes: [UInt8], length: Int) -> Int {
        // The first paragraph is the title and cannot be trailers.
        var position = 0
        while position < length {
            if bytes[position] != commentCharacter, isBlankLine(bytes, position, length) { break }
            position = nextLine(bytes, position, length)
        }
        let endOfTitle = position

        var onlySpaces = true
        var recognizedPrefix = false
        var trailerLines = 0
        var nonTrailerLines = 0
        var possibleContinuationLines = 0
        var line = lastLine(bytes, length)
        while line >= endOfTitle && line >= 0 {
            defer { line = lastLine(bytes, line) }
            let first = bytes[line]
            if first == commentCharacter {
                nonTrailerLines += possibleContinuationLines
                possibleContinuationLines = 0
                continue
            }
            if isBlankLine(bytes, line, length) {
                if onlySpaces { continue }
                nonTrailerLines += possibleContinuationLines
                if recognizedPrefix && trailerLines * 3 >= nonTrailerLines {
                    return nextLine(bytes, line, length)
                } else if trailerLines > 0 && nonTrailerLines == 0 {
                    return nextLine(bytes, line, length)
                }
                return length
            }
            onlySpaces = false
            if gitGeneratedPrefixes.contains(where: { hasPrefix(bytes, at: line, end: length, $0) }) {
                trailerLines += 1
                possibleContinuationLines = 0
                recognizedPrefix = true
                continue
            }
            let separator = separatorPosition(bytes[line..<length])
            if let separator, separator >= 1, !isSpace(first),
                !isURLScheme(bytes[line..<length], separator: separator)
            {
                trailerLines += 1
                possibleContinuationLines = 0
            } else if isSpace(first) {
                possibleContinuationLines += 1
            } else {
                nonTrailerLines += 1 + possibleContinuationLines
                possibleContinuationLines = 0
            }
        }
        return length
    }

    /// `find_separator` with the default separators (`:`): the offset of the separator in the
    /// line, or nil when the line does not start with a key (`[A-Za-z0-9-]+`, then optional
    /// blanks).
    static func separatorPosition(_ line: some RandomAccessCollection<UInt8>) -> Int? {
        var whitespaceFound = false
        var offset = 0
        for byte in line {
            if byte == UInt8(ascii: ":") { return offset }
            if !whitespaceFound && (isAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                offset += 1
                continue
            }
            if offset != 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) {
                whitespaceFound = true
                offset += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// A `scheme://` line such as `https://claude.ai/code/session_x` is a URL, not a trailer
    /// (newer git's rule; git 2.39 and libgit2 still read it as key `https`).
    static func isURLScheme(_ line: some RandomAccessCollection<UInt8>, separator: Int) -> Bool {
        let afterSeparator = line.dropFirst(separator + 1)
        return afterSeparator.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")])
    }

    /// `unfold_value` + `strbuf_trim`.
    static func unfold(_ value: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            let byte = value[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                while index < value.count, isSpace(value[index]) { index += 1 }
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return String(LenientText.decode(out).trimmingWhitespace())
    }

    static func lastLine(_ bytes: [UInt8], _ length: Int) -> Int {
        if length == 0 { return -1 }
        if length == 1 { return 0 }
        var index = length - 2
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "\n") { return index + 1 }
            index -= 1
        }
        return 0
    }

    static func nextLine(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int {
        var index = start
        while index < length, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index < length ? index + 1 : length
    }

    static func isBlankLine(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Bool {
        var index = start
        while index < length, bytes[index] != UInt8(ascii: "\n"), isSpace(bytes[index]) { index += 1 }
        return index >= length || bytes[index] == UInt8(ascii: "\n")
    }

    static func hasPrefix(_ bytes: [UInt8], at start: Int, end: Int, _ prefix: [UInt8]) -> Bool {
        guard start + prefix.count <= end else { return false }
        for (offset, byte) in prefix.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
    }
}
