import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit

extension RiskgateCommand {
    /// `riskgate verify`: the deployment gate over the server's signed verdicts (SPEC §9).
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that commits carry a signed riskgate verdict (the deployment gate).",
            discussion: """
                Each commit needs a verdict on the verdicts notes ref whose SSH signature \
                (namespace riskgate-verdict) verifies against --allowed-signers, whose statement names \
                that commit, and whose decision is one of --require. Fetch the notes first: \
                git fetch origin refs/notes/riskgate-verdicts:refs/notes/riskgate-verdicts

                Exit codes: 0 every commit passes, 1 some commit does not (each is named with why), \
                2 usage or configuration error (no ssh-keygen, unreadable allowed signers, unknown commit).
                """)

        @OptionGroup var repository: RepositoryOptions

        @Option(help: ArgumentHelp("The allowed signers file naming the gate's key (ssh-keygen format).", valueName: "file"))
        var allowedSigners: String?

        @Option(help: ArgumentHelp("Decisions that pass, comma-separated: allow, flag, waived, approved (default: all).", valueName: "list"))
        var require: String?

        @Option(
            help: ArgumentHelp(
                "The verdicts notes ref (default: verdicts.ref of the configuration, else \(VerdictSettings.defaultRef)).",
                valueName: "ref"))
        var notesRef: String?

        @OptionGroup var config: ConfigurationOptions

        @Argument(help: ArgumentHelp("The commits to check (`riskgate verify` exits 2 without one).", valueName: "rev"))
        var revisions: [String]

        /// Usage problems exit 2 here, like configuration errors: a deployment job tells them apart
        /// from 1, a commit without an acceptable verdict.
        func usageProblem() -> String? {
            if allowedSigners?.isEmpty ?? true { return "--allowed-signers <file> is required" }
            if revisions.isEmpty { return "name at least one commit to verify" }
            for decision in requiredDecisions where !VerdictStatement.decisions.contains(decision) {
                return "--require: '\(decision)' is not one of \(VerdictStatement.decisions.joined(separator: ", "))"
            }
            return requiredDecisions.isEmpty ? "--require: name at least one decision" : nil
        }

        var requiredDecisions: [String] {
            guard let require else { return VerdictStatement.decisions }
            return require.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        }

        func run() throws {
            try reportingErrors {
                if let problem = usageProblem() { throw CommandError.input(problem) }
                let repo = try Repository(discoveringFrom: repository.directory)
                // The configuration only names the ref; a broken or absent one leaves the default.
                let ref = notesRef ?? (try? ConfigurationLookup.load(
                    option: config.path, reader: repo.isBare ? .server : .client, repository: repo))?.configuration.verdicts.ref
                let verifier = VerdictVerifier(
                    repository: repo, notesRef: ref ?? VerdictSettings.defaultRef, allowedSigners: allowedSigners ?? "",
                    required: Set(requiredDecisions))
                try verifier.precondition()
                let commits = try revisions.map { revision throws(GitError) in (revision, try repo.resolveCommit(revision)) }
                var failed = 0
                for (revision, commit) in commits {
                    let check = verifier.check(revision: revision, commit: commit)
                    if check.passed {
                        print("ok    \(commit.hex) \(check.decision ?? "") (signed by \(check.signer ?? "?"))")
                    } else {
                        failed += 1
                        print("FAIL  \(commit.hex) (\(revision))")
                        for reason in check.reasons { print("      \(reason)") }
                    }
                }
                if failed > 0 {
                    let plural = commits.count == 1 ? "" : "s"
                    print("riskgate verify: \(failed) of \(commits.count) commit\(plural) without an acceptable signed verdict")
                    return ExitCode(1)
                }
                return .success
            }
        }
    }
}
