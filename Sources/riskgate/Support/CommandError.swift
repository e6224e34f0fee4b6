import ArgumentParser
import RiskgateEngine
import RiskgateGit

/// The CLI's name for the engine's errors: each means exit code 2 (SPEC §2).
typealias CommandError = EngineError

extension EngineError {
    static let exitCode = ExitCode(2)
}

extension ParsableCommand {
    /// Runs `body`, turning riskgate's own errors into a message on stderr and exit code 2.
    func reportingErrors(_ body: () throws -> ExitCode) throws -> Never {
        let code: ExitCode
        do {
            code = try body()
        } catch let error as EngineError {
            Console.error(error.description)
            code = EngineError.exitCode
        } catch let error as GitError {
            Console.error(error.description)
            code = EngineError.exitCode
        }
        throw code
    }
}
