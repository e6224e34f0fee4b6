import RiskgateCore
import RiskgateGit

/// Where the push gate meets consensus (SPEC §9): the approvals check handed to the evaluator,
/// and the verdicts staged for post-receive. Two calls from `PushGate`, nothing else.
public enum ConsensusGate {
    /// The evaluator's approvals check, when some policy requires approvals. The server
    /// enforces it; pre-push applies it only where it can check the signatures (the allowed
    /// signers file may exist only on the server), so the author learns early and an approved
    /// commit is not stopped before it reaches the server.
    public static func approvals(
        repository: Repository, configuration: RiskgateConfiguration, updates: [RefUpdate], environment: HookEnvironment,
        side: HookSide
    ) -> ((String, RefCommitResult) -> RefCommitResult)? {
        guard ApprovalVerifier.isNeeded(configuration) else { return nil }
        let verifier = ApprovalVerifier(
            repository: repository, configuration: configuration, updates: updates,
            pusher: environment.pusher(identityVariable: configuration.identityEnvironment))
        if side == .client {
            return { ref, result in
                let applied = verifier.apply(ref: ref, to: result)
                return applied.approvals?.problem == nil ? applied : result
            }
        }
        return { ref, result in verifier.apply(ref: ref, to: result) }
    }

    /// Stages the verdicts of the accepted refs (server only); problems for the pusher.
    public static func stageVerdicts(
        _ verdict: PushVerdict, hook: String, side: HookSide, repository: Repository, configuration: LoadedConfiguration,
        auditHashes: [Int: String]
    ) -> [String] {
        guard side == .server else { return [] }
        return VerdictWriter.stage(verdict, hook: hook, repository: repository, configuration: configuration, auditHashes: auditHashes)
    }
}

extension ConsensusGate {
    /// `explain`: the commit's approvals under `ref`'s policy, as lines (empty when the policy
    /// requires none of this commit).
    public static func explainApprovals(
        _ analysis: CommitAnalysis, ref: String?, repository: Repository, configuration: RiskgateConfiguration
    ) -> [String] {
        guard let ref, let requirement = configuration.refPolicy(for: ref)?.approvals else { return [] }
        guard ApprovalRules.applies(requirement, to: analysis) else {
            let which = requirement.aiOnly ? "AI commits" : "commits"
            return ["approvals: not required (\(ref) requires them of \(which) at \(requirement.from.rawValue) or above)"]
        }
        let verifier = ApprovalVerifier(repository: repository, configuration: configuration, updates: [], pusher: nil)
        let status = verifier.status(of: analysis.commit, ref: ref, requirement: requirement)
        let decided = status.decision(from: analysis.decision)
        return ["approvals (\(ref) requires \(requirement.count)):"]
            + ApprovalText.lines(status, commit: analysis.commit.id, ref: ref, indent: "  ")
            + ["decision with approvals: \(decided.rawValue)\(status.satisfied ? " (approved)" : "")"]
    }
}
