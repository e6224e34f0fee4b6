/// Everything that can go wrong while writing or reading the audit log. Messages are lower case,
/// name the file, and say what to do.
public enum AuditError: Error, Equatable, CustomStringConvertible {
    /// A system call failed on `path` (`operation` names it, `errno` says why).
    case system(operation: String, path: String, errno: Int32, message: String)
    /// The log's last complete line does not parse, so the next entry cannot be chained.
    case unchainable(path: String, line: Int, reason: String)
    /// A draft could not be decoded (the hidden `audit append --json` input).
    case invalidDraft(String)
    /// A file to rotate or verify does not exist.
    case missingFile(path: String)

    public var description: String {
        switch self {
        case .system(let operation, let path, _, let message):
            "cannot \(operation) the audit log \(path): \(message)"
        case .unchainable(let path, let line, let reason):
            "cannot append to the audit log \(path): line \(line) is not a valid entry (\(reason)); "
                + "run `riskgate audit verify --path \(path)` and restore the file from a copy"
        case .invalidDraft(let message):
            "invalid audit entry: \(message)"
        case .missingFile(let path):
            "the audit log \(path) does not exist"
        }
    }
}
