/// Text from commits and pushers made safe for a terminal, a text file or Markdown.
///
/// Commit subjects, author names, paths, changed lines, trailers and waiver reasons are chosen
/// by whoever pushes; printed raw, an `ESC ]` (OSC) sequence can retitle a terminal, write the
/// clipboard or hide a link, and cursor movements can overwrite the verdict a reviewer reads.
/// `sanitize` removes:
/// - escape sequences whole: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or `ESC \`),
///   DCS, SOS, PM and APC (`ESC P`/`X`/`^`/`_` … `ESC \`), and any other `ESC x` pair;
/// - their 8-bit forms (C1 `U+009B` CSI, `U+009D` OSC, …) and every other C1 control;
/// - C0 controls except tab and newline (so CR, BEL, BS, NUL go), and DEL;
/// - the bidirectional overrides and isolates (`U+202A`…`U+202E`, `U+2066`…`U+2069`) that make
///   text display in another order than it reads ("Trojan Source").
/// Newlines are kept, or replaced by a space with `singleLine` (for one-line fields).
public enum TerminalText {
    /// `text` without control characters and escape sequences.
    ///
    /// - Parameter allowedSGR: SGR parameter strings (`"1;31"`) whose `ESC [ … m` sequences
    ///   are kept: the reporter's own colours, when colour is on. Everything else goes.
    public static func sanitize(_ text: String, singleLine: Bool = false, allowedSGR: Set<String> = []) -> String {
        // Fast path: nothing to remove (the common case for every field of every commit).
        if !text.unicodeScalars.contains(where: { isSuspect($0) || (singleLine && $0 == "\n") }) { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x1B:
                let (end, sgr) = escapeEnd(scalars, from: index)
                if let sgr, allowedSGR.contains(sgr) { result.append(contentsOf: scalars[index..<end]) }
                index = end
                continue
            case 0x9B:  // 8-bit CSI: parameters up to a final byte
                index = csiEnd(scalars, from: index + 1)
                continue
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // 8-bit DCS, SOS, OSC, PM, APC: up to a terminator
                index = stringEnd(scalars, from: index + 1)
                continue
            case 0x0A:
                result.append(singleLine ? " " : scalar)
            case 0x09:
                result.append(scalar)
            default:
                if !isSuspect(scalar) { result.append(scalar) }
            }
            index += 1
        }
        return String(result)
    }

    /// True for what `sanitize` removes or has to look at.
    static func isSuspect(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        if value >= 0x7F && value <= 0x9F { return true }
        return (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069)
    }

    /// The index after the escape sequence that starts at `start` (an ESC), and its SGR
    /// parameters when it is a complete `ESC [ params m`.
    private static func escapeEnd(_ scalars: [Unicode.Scalar], from start: Int) -> (Int, String?) {
        let next = start + 1
        guard next < scalars.count else { return (next, nil) }
        switch scalars[next] {
        case "[":
            let end = csiEnd(scalars, from: next + 1)
            if end - 1 > next, scalars[end - 1] == "m" {
                let parameters = String(String.UnicodeScalarView(scalars[(next + 1)..<(end - 1)]))
                if parameters.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == ";" }) {
                    return (end, parameters)
                }
            }
            return (end, nil)
        case "]", "P", "X", "^", "_":
            return (stringEnd(scalars, from: next + 1), nil)
        default:
            // A two-character escape (`ESC c` resets the terminal, `ESC 7` saves the cursor…);
            // an ESC before a control character or newline removes only the ESC.
            return (scalars[next].value < 0x20 ? next : next + 1, nil)
        }
    }

    /// After a CSI's parameter and intermediate bytes (0x20…0x3F) and its final byte
    /// (0x40…0x7E); stops early at anything else, which is then handled on its own.
    private static func csiEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if value >= 0x40 && value <= 0x7E { return index + 1 }
            if value < 0x20 || value > 0x3F { return index }
            index += 1
        }
        return index
    }

    /// After an OSC/DCS/… string's terminator (BEL, `ESC \`, 8-bit ST), or at a newline (a
    /// terminal would swallow it, but the rest of the line is still text to show), or the end.
    private static func stringEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            switch scalars[index].value {
            case 0x07, 0x9C: return index + 1
            case 0x1B:
                if index + 1 < scalars.count, scalars[index + 1] == "\\" { return index + 2 }
                return index
            case 0x0A: return index
            default: index += 1
            }
        }
        return index
    }
}
