import RiskgateCore
import RiskgateGit

/// The server's check of signed approvals (SPEC §9). Reads each commit's approvals note as the
/// push leaves `refs/notes/riskgate-approvals` (the push may carry that ref too; its objects
/// are read from quarantine), and verifies only the approvals of commits that need them: one
/// `ssh-keygen` check per approval, never per commit of history.
public final class ApprovalVerifier {
    let configuration: RiskgateConfiguration
    let notes: NotesStore
    let notesCommit: ObjectID?
    let pusher: Pusher?
    let keygen: SSHKeygen
    private var verified: [String: Result<String, SignatureFailure>] = [:]

    /// - Parameter updates: the push's ref updates; an update of the approvals ref in the same
    ///   push is read at its new value.
    public init(
        repository: Repository, configuration: RiskgateConfiguration, updates: [RefUpdate], pusher: Pusher?,
        keygen: SSHKeygen = SSHKeygen()
    ) {
        self.configuration = configuration
        notes = NotesStore(repository: repository, ref: Approval.notesRef)
        if let pushed = updates.last(where: { $0.ref == Approval.notesRef }) {
            notesCommit = pushed.new.isZero ? nil : pushed.new
        } else {
            notesCommit = notes.tip()
        }
        self.pusher = pusher
        self.keygen = keygen
    }

    /// Whether any policy asks for approvals (otherwise the gate need not build a verifier).
    public static func isNeeded(_ configuration: RiskgateConfiguration) -> Bool {
        configuration.policies.contains { $0.approvals != nil }
    }

    /// The result with its approvals applied, when its ref's policy requires them of it.
    public func apply(ref: String, to result: RefCommitResult) -> RefCommitResult {
        guard let requirement = configuration.refPolicy(for: ref)?.approvals,
            ApprovalRules.applies(requirement, to: result.analysis)
        else { return result }
        return result.applying(status(of: result.analysis.commit, ref: ref, requirement: requirement))
    }

    /// The analysis with its approvals and the decision they give, for a report on `ref`.
    public func annotate(_ analysis: CommitAnalysis, ref: String) -> CommitAnalysis {
        guard let requirement = configuration.refPolicy(for: ref)?.approvals, ApprovalRules.applies(requirement, to: analysis)
        else { return analysis }
        var annotated = analysis
        let status = status(of: analysis.commit, ref: ref, requirement: requirement)
        annotated.approvals = status
        annotated.decision = status.decision(from: analysis.decision)
        return annotated
    }

    /// The approvals of one commit for `ref`.
    public func status(of commit: CommitSnapshot, ref: String, requirement: ApprovalRequirement) -> ApprovalStatus {
        let note = notesCommit.flatMap { notes.note(for: commit.id, at: $0) }
        guard let signers = requirement.allowedSigners, !signers.isEmpty else {
            return ApprovalStatus(
                required: requirement.count,
                problem: "the policy's require_approvals names no allowed_signers file: no approval can be verified")
        }
        return ApprovalRules.status(requirement: requirement, note: note, commit: commit, ref: ref, pusher: pusher) { approval in
            if let known = verified[approval.line] { return known }
            let outcome = keygen.verify(
                Array(approval.payload.utf8), signature: approval.armoredSignature, allowedSigners: signers,
                namespace: Approval.namespace)
            verified[approval.line] = outcome
            return outcome
        }
    }
}

extension RefCommitResult {
    /// An approved commit's block is lifted (to flag); an unapproved one is blocked.
    public func applying(_ status: ApprovalStatus) -> RefCommitResult {
        var result = self
        result.approvals = status
        result.analysis.approvals = status
        result.decision = status.decision(from: result.decision)
        result.analysis.decision = result.decision
        return result
    }
}

extension ApprovalVerifier {
    /// `annotate` for one ref, as a closure.
    public func annotator(ref: String) -> (CommitAnalysis) -> CommitAnalysis {
        { self.annotate($0, ref: ref) }
    }
}
