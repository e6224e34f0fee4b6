import ArgumentParser
import RiskgateEngine
import RiskgateGit

/// `--ref <ref>`: decide with that ref's policy (git's short names work: main, v1.0).
struct PolicyRefOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Decide with the policy of <ref> (default: the CI target branch, else the current branch).",
            valueName: "ref"))
    var ref: String?

    func resolve(in repository: Repository) throws(CommandError) -> String? {
        PolicyRef.resolve(ref, environment: HookProcess.environment(), repository: repository)
    }
}
