/// How a commit's approvals read in the hook message and in `explain` (SPEC §9).
public enum ApprovalText {
    /// Lines for one commit, indented for the hook message; empty when none were required.
    public static func lines(_ status: ApprovalStatus?, commit: ObjectID, ref: String, indent: String = "    ") -> [String] {
        guard let status else { return [] }
        var lines: [String] = []
        let approvers = status.approvers
        if status.satisfied {
            lines.append("\(indent)approved by \(approvers.joined(separator: ", ")) (\(approvers.count) of \(status.required) required)")
        } else {
            let valid = approvers.isEmpty ? "none" : approvers.joined(separator: ", ")
            lines.append(
                "\(indent)approvals: \(approvers.count) valid of \(status.required) required (valid: \(valid)); "
                    + "this commit needs signed approvals from people other than its author, committer and pusher")
            if let problem = status.problem { lines.append("\(indent)  approvals cannot be checked: \(problem)") }
        }
        for check in status.refused {
            let reason = check.reason ?? "refused"
            let who = check.principal.map { reason.contains($0) ? "" : "\($0): " } ?? ""
            lines.append("\(indent)  not counted: \(who)\(reason)")
        }
        if !status.satisfied {
            lines.append("\(indent)to approve (another person, with a key in the allowed signers file):")
            lines.append("\(indent)  git fetch origin \(Approval.notesRef):\(Approval.notesRef)")
            lines.append("\(indent)  riskgate approve --ref \(ref) \(commit.hex)")
            lines.append("\(indent)  git push origin \(Approval.notesRef)")
            lines.append("\(indent)then push again")
        }
        return lines
    }
}

extension HookMessage {
    func approvalLines(_ result: RefCommitResult, ref: String) -> [String] {
        ApprovalText.lines(result.approvals, commit: result.analysis.commit.id, ref: ref)
    }
}
