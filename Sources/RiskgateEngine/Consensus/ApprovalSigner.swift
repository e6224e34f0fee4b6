import RiskgateCore
import RiskgateGit

/// `riskgate approve`: signs each commit's approval payload with the approver's SSH key and
/// adds the line to its note on `refs/notes/riskgate-approvals` (SPEC §9).
public struct ApprovalSigner {
    public var repository: Repository
    public var keygen: SSHKeygen

    public init(repository: Repository, keygen: SSHKeygen = SSHKeygen()) {
        self.repository = repository
        self.keygen = keygen
    }

    /// `--key`, else git's `user.signingKey` when git signs with SSH (`gpg.format=ssh`).
    public func signingKey(option: String?) throws(EngineError) -> String {
        if let option, !option.isEmpty { return option }
        guard repository.configString("gpg.format")?.lowercased() == "ssh" else {
            throw .input(
                "no signing key: pass --key <private key file>, or configure git for SSH signing "
                    + "(git config gpg.format ssh; git config user.signingKey ~/.ssh/id_ed25519.pub)")
        }
        guard let key = repository.configString("user.signingKey"), !key.isEmpty else {
            throw .input("gpg.format is ssh but user.signingKey is not set: pass --key <private key file>")
        }
        return key
    }

    /// `main` names a branch; anything under `refs/` stands as written.
    public static func qualified(ref: String) -> String { ref.hasPrefix("refs/") ? ref : "refs/heads/" + ref }

    /// Signs and records one approval per commit; returns them in order.
    public func approve(_ commits: [ObjectID], ref: String?, key: String, time: Int64) throws(EngineError) -> [Approval] {
        var approvals: [Approval] = []
        for commit in commits {
            let payload = Approval.payload(commit: commit, ref: ref, time: time)
            let armored = try keygen.sign(Array(payload.utf8), key: key, namespace: Approval.namespace)
            guard let body = SSHSignatureArmor.body(of: armored) else { throw .input("ssh-keygen wrote no signature") }
            approvals.append(Approval(commit: commit, ref: ref, time: time, signature: body))
        }
        let name = repository.configString("user.name") ?? "riskgate"
        let email = repository.configString("user.email") ?? "riskgate@localhost"
        do {
            try NotesStore(repository: repository, ref: Approval.notesRef).add(
                approvals.map { ($0.commit, $0.line + "\n") }, name: name, email: email,
                message: "riskgate approve: \(approvals.count) approval\(approvals.count == 1 ? "" : "s")")
        } catch {
            throw .input("cannot record the approvals in \(Approval.notesRef): \(error.description)")
        }
        return approvals
    }
}
