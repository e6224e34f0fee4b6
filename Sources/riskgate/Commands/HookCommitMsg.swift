import ArgumentParser
import RiskgateCore
import RiskgateEngine

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand.Hook {
    /// `riskgate hook commit-msg <file>`: warns early when a message carries AI marks but no link
    /// to its prompt or session, or malformed riskgate trailers. Never blocks unless `--strict`.
    struct CommitMsg: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "commit-msg",
            abstract: "Warn about AI marks without a traceability link and malformed riskgate trailers.",
            discussion: """
                git runs it with the path of the message being committed (.git/COMMIT_EDITMSG). \
                Comment lines (#) and everything below git's scissors line are ignored, as git \
                strips them. Warnings go to stderr; exits 0 unless --strict, then 1 on any warning.
                """
        )

        @Argument(help: ArgumentHelp("The commit message file git passes to the hook.", valueName: "file"))
        var file: String

        @Flag(help: "Exit 1 when there is any warning (block the commit).")
        var strict = false

        func run() throws {
            try reportingErrors {
                let message = CommitMessageCleanup.strip(try Self.read(file))
                let warnings = CommitMessageLint.warnings(for: message, author: Self.environmentAuthor())
                for warning in warnings { Console.warning(warning) }
                return strict && !warnings.isEmpty ? ExitCode(1) : .success
            }
        }

        /// The author git will record, when the environment names it (`git commit --author`, `-c`).
        static func environmentAuthor() -> Signature? {
            guard let name = getenv("GIT_AUTHOR_NAME"), let email = getenv("GIT_AUTHOR_EMAIL") else { return nil }
            return Signature(name: String(cString: name), email: String(cString: email), time: 0)
        }

        static func read(_ path: String) throws(CommandError) -> String {
            CommitMessage(raw: try TextFile.bytes(path, what: "commit message")).text
        }
    }
}

/// git's `--cleanup=strip` for the parts detection cares about: comment lines and the scissors
/// section go; the rest stays as written.
enum CommitMessageCleanup {
    static let scissors = "# ------------------------ >8 ------------------------"

    static func strip(_ message: String, commentCharacter: Character = "#") -> String {
        var kept: [Substring] = []
        for line in message.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix(scissors) { break }
            if line.first == commentCharacter { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }
}

/// The commit-msg checks, on a message that is not committed yet.
enum CommitMessageLint {
    static let riskgateKeys = ["ai-session", "prompt-id", "ai-scope", "assisted-by"]

    static func warnings(for message: String, author: Signature?) -> [String] {
        let input = DetectionInput(
            author: author, committer: nil, message: message, trailers: TrailerParser.parse(message))
        let authorship = AuthorshipClassifier().classify(input)
        let links = TraceabilityLinks(input)
        var warnings: [String] = []
        let subjectKey = input.subject.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        if let subjectKey, input.subject.contains(":"), riskgateKeys.contains(subjectKey) {
            warnings.append(
                "`\(input.subject)` is the subject line, which git never reads as a trailer; "
                    + "put it in the last paragraph after a blank line")
        }
        for problem in links.problems + links.badScope { warnings.append("malformed trailer: \(problem)") }
        // A prompt recorded in the message itself (transcript, `Prompt:` paragraph, transcript URL) is a link.
        if authorship.isAI && links.valid.isEmpty && links.problems.isEmpty && InlinePrompt.find(in: input).isEmpty {
            let marks = authorship.evidence.filter { $0.signal != "disclosure-negative" }.map(\.detail)
            warnings.append(
                "this message has AI marks (\(marks.joined(separator: "; "))) but no link to the prompt or session "
                    + "that produced it; add one, e.g. `git commit --amend --trailer \"AI-Session: <url or id>\"`")
        }
        return warnings
    }
}
