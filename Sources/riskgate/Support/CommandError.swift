import ArgumentParser
import RiskgateGit

/// Failures a command reports to the user, each with its exit code (SPEC §2).
enum CommandError: Error, CustomStringConvertible {
    /// Bad configuration or rule files (exit 2).
    case configuration(String)
    /// A repository problem: not a repository, unknown revision, missing objects (exit 2).
    case repository(String)
    /// Bad input such as malformed hook lines or an unwritable output (exit 2).
    case input(String)

    var description: String {
        switch self {
        case .configuration(let message), .repository(let message), .input(let message): message
        }
    }

    static let exitCode = ExitCode(2)
}

extension ParsableCommand {
    /// Runs `body`, turning riskgate's own errors into a message on stderr and exit code 2.
    func reportingErrors(_ body: () throws -> ExitCode) throws -> Never {
        let code: ExitCode
        do {
            code = try body()
        } catch let error as CommandError {
            Console.error(error.description)
            code = CommandError.exitCode
        } catch let error as GitError {
            Console.error(error.description)
            code = CommandError.exitCode
        }
        throw code
    }
}
