import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit

extension RiskgateCommand {
    /// `riskgate approve`: a signed second-person approval of commits (SPEC §9).
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign an approval of commits (refs/notes/riskgate-approvals) with your SSH key.",
            discussion: """
                For each commit, signs the payload 'riskgate-approval v1', the commit id, the ref (with \
                --ref) and the time with `ssh-keygen -Y sign -n riskgate-approval`, and adds the line to \
                the commit's note on refs/notes/riskgate-approvals (approvals accumulate). The key is \
                --key, else git's user.signingKey when gpg.format is ssh. The server counts approvals \
                whose key is in its allowed signers file, from people other than the commit's author, \
                committer and pusher. Push the notes afterwards (the command is printed).

                Exit codes: 0 approved, 2 error (no key, ssh-keygen missing or failing, unknown commit).
                """)

        @OptionGroup var repository: RepositoryOptions

        @Option(help: ArgumentHelp("The SSH private key (or a public key whose private half is in ssh-agent).", valueName: "file"))
        var key: String?

        @Option(help: ArgumentHelp("Approve the commits only for this ref (main, refs/heads/release/1).", valueName: "ref"))
        var ref: String?

        @Option(help: ArgumentHelp("The remote to name in the push command.", valueName: "remote"))
        var remote = "origin"

        @Argument(help: ArgumentHelp("The commits to approve (any revision naming one commit).", valueName: "rev"))
        var revisions: [String]

        func validate() throws {
            if revisions.isEmpty { throw ValidationError("name at least one commit to approve") }
        }

        func run() throws {
            try reportingErrors {
                let repo = try Repository(discoveringFrom: repository.directory)
                let signer = ApprovalSigner(repository: repo)
                let key = try signer.signingKey(option: key)
                let commits = try revisions.map { revision throws(GitError) in try repo.resolveCommit(revision) }
                let target = ref.map(ApprovalSigner.qualified(ref:))
                let approvals = try signer.approve(commits, ref: target, key: key, time: Int64(SystemClock.wallClockSeconds()))
                for approval in approvals {
                    print("approved \(approval.commit.hex)\(approval.ref.map { " for \($0)" } ?? "")")
                }
                print("")
                print("Push the approvals (the server reads them as the push leaves them):")
                print("  git push \(remote) \(Approval.notesRef)")
                if let branch = target ?? repo.headReferenceName() {
                    print("or together with the branch, in one atomic push:")
                    print("  git push --atomic \(remote) \(branch) \(Approval.notesRef)")
                }
                print("If the push is rejected because someone else approved meanwhile:")
                print("  git fetch \(remote) \(Approval.notesRef):refs/notes/riskgate-approvals-remote")
                print("  git notes --ref riskgate-approvals merge -s cat_sort_uniq refs/notes/riskgate-approvals-remote")
                return .success
            }
        }
    }
}
