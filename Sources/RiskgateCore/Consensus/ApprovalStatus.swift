/// What became of one approval found in a commit's note.
public struct ApprovalCheck: Hashable, Sendable {
    /// The signer as the allowed-signers file names them, when the signature verified.
    public var principal: String?
    /// Counted toward the requirement.
    public var counted: Bool
    /// Why it did not count.
    public var reason: String?

    public init(principal: String?, counted: Bool, reason: String?) {
        self.principal = principal
        self.counted = counted
        self.reason = reason
    }

    public static func refused(_ reason: String, principal: String? = nil) -> ApprovalCheck {
        ApprovalCheck(principal: principal, counted: false, reason: reason)
    }
}

/// A commit's approvals under its ref's `require_approvals` (SPEC §9).
public struct ApprovalStatus: Hashable, Sendable {
    /// Distinct approvers needed.
    public var required: Int
    /// Every approval found, in note order, counted or not.
    public var checks: [ApprovalCheck]
    /// Why approvals could not be checked at all (no ssh-keygen, unreadable allowed signers):
    /// the commit then counts as unapproved.
    public var problem: String?

    public init(required: Int, checks: [ApprovalCheck] = [], problem: String? = nil) {
        self.required = required
        self.checks = checks
        self.problem = problem
    }

    /// Distinct principals that counted, in order.
    public var approvers: [String] { checks.filter(\.counted).compactMap(\.principal) }
    public var satisfied: Bool { problem == nil && approvers.count >= required }
    public var refused: [ApprovalCheck] { checks.filter { !$0.counted } }

    /// A commit's decision with its approvals: an approved commit's block is lifted to flag;
    /// an unapproved one is blocked.
    public func decision(from decision: Decision) -> Decision {
        satisfied ? (decision == .block ? .flag : decision) : .block
    }
}

/// The pure rules of approval counting; the signatures are checked outside (ssh-keygen).
public enum ApprovalRules {
    /// Whether `require_approvals` applies to the commit: at or above `from`, and AI-authored
    /// (medium confidence or more, as for `require_traceability`) unless `ai_only: false`.
    public static func applies(_ requirement: ApprovalRequirement, to analysis: CommitAnalysis) -> Bool {
        guard requirement.count > 0, analysis.level >= requirement.from else { return false }
        if !requirement.aiOnly { return true }
        return analysis.authorship.isAI && analysis.authorship.confidence >= .medium
    }

    /// What can be refused before any signature is checked (no ssh-keygen run for it): a line
    /// that is not an approval, an approval of another commit, or one meant for another ref.
    public static func precheck(_ parsed: Result<Approval, Approval.ParseError>, commit: ObjectID, ref: String) -> ApprovalCheck? {
        switch parsed {
        case .failure(let error):
            return .refused(error.description)
        case .success(let approval):
            if approval.commit != commit {
                return .refused(
                    "it approves commit \(approval.commit.abbreviated()), not this one (copied from another commit's note?)")
            }
            if let target = approval.ref, target != ref {
                return .refused("it approves the commit for \(target), not \(ref)")
            }
            return nil
        }
    }

    /// Judges an approval whose signature verified for `principal`: never the commit's author
    /// or committer, an AI identity, the pusher, or someone already counted.
    public static func judge(
        principal: String, commit: CommitSnapshot, pusher: Pusher?, counted: Set<String>
    ) -> ApprovalCheck {
        let who = principal.lowercased()
        if names(who, commit.author) {
            return .refused("\(principal) is the commit's author\(via(who, commit.author))", principal: principal)
        }
        if names(who, commit.committer) {
            return .refused("\(principal) is the commit's committer\(via(who, commit.committer))", principal: principal)
        }
        if isAIIdentity(who) {
            return .refused("\(principal) is an AI or automation identity", principal: principal)
        }
        if let pusher, isSamePerson(who, pusher.name.lowercased()) {
            return .refused("\(principal) is the pusher (\(pusher.variable)=\(pusher.name))", principal: principal)
        }
        if counted.contains(who) {
            return .refused("\(principal) has already approved it (counted once)", principal: principal)
        }
        return ApprovalCheck(principal: principal, counted: true, reason: nil)
    }

    /// Counts a note's approvals. `verify` checks one approval's signature and returns the
    /// principal or why it failed; it runs only for approvals that passed `precheck`.
    public static func status(
        requirement: ApprovalRequirement, note: String?, commit: CommitSnapshot, ref: String, pusher: Pusher?,
        verify: (Approval) -> Result<String, SignatureFailure>
    ) -> ApprovalStatus {
        var status = ApprovalStatus(required: requirement.count)
        var counted: Set<String> = []
        for parsed in Approval.parseNote(note ?? "") {
            if let refused = precheck(parsed, commit: commit.id, ref: ref) {
                status.checks.append(refused)
                continue
            }
            guard case .success(let approval) = parsed else { continue }
            switch verify(approval) {
            case .failure(let failure):
                if case .unavailable(let why) = failure {
                    status.problem = why
                    return status
                }
                status.checks.append(.refused(failure.description))
            case .success(let principal):
                let check = judge(principal: principal, commit: commit, pusher: pusher, counted: counted)
                if check.counted { counted.insert(principal.lowercased()) }
                status.checks.append(check)
            }
        }
        return status
    }

    /// A principal names a commit's author or committer by their email; a principal without
    /// `@` also by the email's local part or the name (errs toward not counting).
    static func names(_ principal: String, _ signature: Signature) -> Bool {
        let email = signature.email.lowercased()
        if principal == email { return true }
        guard !principal.contains("@") else { return false }
        return email.split(separator: "@").first.map(String.init) == principal || signature.name.lowercased() == principal
    }

    private static func via(_ principal: String, _ signature: Signature) -> String {
        principal == signature.email.lowercased() ? "" : " (\(signature.email))"
    }

    static func isAIIdentity(_ who: String) -> Bool {
        if AgentIdentityTable.emails.contains(where: { $0.email == who }) { return true }
        let login = who.split(separator: "@").first.map(String.init) ?? who
        if login.hasSuffix("[bot]") || who.contains("[bot]@") { return true }
        return AgentIdentityTable.logins.contains { $0.tool != nil && $0.login == login && who.hasSuffix("users.noreply.github.com") }
    }

    /// A principal names the pusher when it is the pusher's name, or an email whose local part is.
    static func isSamePerson(_ principal: String, _ pusher: String) -> Bool {
        if principal == pusher { return true }
        guard let at = principal.firstIndex(of: "@") else { return false }
        return principal[..<at] == Substring(pusher) || principal.hasSuffix("+\(pusher)@users.noreply.github.com")
    }
}

/// Why a signature did not verify.
public enum SignatureFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key is not in the allowed-signers file (or not for this namespace).
    case unknownKey(String)
    /// The key is listed, but the signature does not match what was signed.
    case invalid(String)
    /// Signatures cannot be checked at all here (ssh-keygen missing, no allowed-signers file).
    case unavailable(String)

    public var description: String {
        switch self {
        case .unknownKey(let detail): "the signing key is not in the allowed signers file\(detail.isEmpty ? "" : " (\(detail))")"
        case .invalid(let detail):
            "the signature does not verify (edited, or copied from another commit)\(detail.isEmpty ? "" : ": \(detail)")"
        case .unavailable(let detail): detail
        }
    }
}
