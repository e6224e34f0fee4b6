import RiskgateGit

/// Failures the engine reports to a front end, each meaning exit code 2 (SPEC §2): the front
/// end prints `description` and chooses how to exit.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    /// Bad configuration or rule files.
    case configuration(String)
    /// A repository problem: not a repository, unknown revision, missing objects.
    case repository(String)
    /// Bad input such as malformed hook lines or an unwritable output.
    case input(String)

    public var description: String {
        switch self {
        case .configuration(let message), .repository(let message), .input(let message): message
        }
    }

    /// The engine's view of a git adapter failure.
    public init(_ error: GitError) { self = .repository(error.description) }
}
