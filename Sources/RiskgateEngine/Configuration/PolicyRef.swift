import RiskgateGit

/// The ref whose policy decides a reading command's verdicts, named as git names refs.
public enum PolicyRef {
    /// CI variables naming the branch a pull or merge request targets: a report in CI runs on a
    /// detached HEAD, and must decide as the target branch's hook will.
    public static let targetBranchVariables = ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]

    /// `explicit` (git's short names allowed), else a CI target branch, else the current branch;
    /// nil for a detached HEAD outside CI (the `refs/**` policy).
    public static func resolve(_ explicit: String?, environment: [String: String], repository: Repository) -> String? {
        if let explicit, !explicit.isEmpty { return fullName(explicit, repository: repository) }
        for variable in targetBranchVariables {
            if let branch = environment[variable], !branch.isEmpty { return fullName(branch, repository: repository, branch: true) }
        }
        return repository.headReferenceName()
    }

    /// git's rules for a short ref name (`git rev-parse --symbolic-full-name`): the first of
    /// `<name>`, `refs/<name>`, `refs/tags/<name>`, `refs/heads/<name>`, `refs/remotes/<name>`
    /// that exists; a name that names nothing is taken as a branch (`refs/heads/<name>`), so a
    /// policy can be asked about a branch not fetched here. `branch` prefers branches.
    public static func fullName(_ name: String, repository: Repository, branch: Bool = false) -> String {
        if name.hasPrefix("refs/") { return name }
        let candidates =
            branch
            ? ["refs/heads/\(name)"]
            : ["refs/\(name)", "refs/tags/\(name)", "refs/heads/\(name)", "refs/remotes/\(name)"]
        for candidate in candidates where repository.referenceExists(candidate) { return candidate }
        return "refs/heads/\(name)"
    }
}
