import RiskgateAudit
import RiskgateCore
import RiskgateGit

/// `riskgate verify`: the deployment gate. A commit passes when one of its verdicts' signature
/// verifies against the allowed signers, the statement names that commit, and its decision is
/// one of those required (SPEC §9).
public struct VerdictVerifier {
    public struct Check: Sendable {
        public var revision: String
        public var commit: ObjectID
        /// The accepted verdict's decision and signer; nil when none passed.
        public var decision: String?
        public var signer: String?
        /// Why each verdict found did not pass (or that there is none).
        public var reasons: [String]
        public var passed: Bool { decision != nil }
    }

    public var repository: Repository
    public var notesRef: String
    public var allowedSigners: String
    public var required: Set<String>
    public var keygen: SSHKeygen

    public init(repository: Repository, notesRef: String, allowedSigners: String, required: Set<String>, keygen: SSHKeygen = SSHKeygen()) {
        self.repository = repository
        self.notesRef = notesRef
        self.allowedSigners = allowedSigners
        self.required = required
        self.keygen = keygen
    }

    /// Configuration errors (exit 2): no ssh-keygen, an unreadable allowed-signers file.
    public func precondition() throws(EngineError) {
        guard keygen.isAvailable else { throw .input(keygen.missing) }
        guard TextFile.bytesIfReadable(allowedSigners) != nil else {
            throw .input("cannot read the allowed signers file \(allowedSigners)")
        }
    }

    public func check(revision: String, commit: ObjectID) -> Check {
        var result = Check(revision: revision, commit: commit, decision: nil, signer: nil, reasons: [])
        let notes = NotesStore(repository: repository, ref: notesRef)
        guard let note = notes.note(for: commit) else {
            result.reasons.append(
                "no verdict: the gate never accepted it onto a judged ref, or \(notesRef) was not fetched "
                    + "(git fetch origin \(notesRef):\(notesRef))")
            return result
        }
        let entries = VerdictStatement.entries(inNote: note)
        if entries.isEmpty { result.reasons.append("the verdict note holds no statement") }
        for entry in entries {
            guard let signature = entry.signature else {
                result.reasons.append("a statement has no signature")
                continue
            }
            let signer: String
            let outcome = keygen.verify(
                entry.signedBytes, signature: signature, allowedSigners: allowedSigners, namespace: VerdictStatement.namespace)
            switch outcome {
            case .failure(.invalid(let why)):
                result.reasons.append("tampered: the statement does not match its signature (\(why))")
                continue
            case .failure(let failure):
                result.reasons.append("bad signature: \(failure.description)")
                continue
            case .success(let principal):
                signer = principal
            }
            guard let statement = try? CanonicalJSONParser.parse(Array(entry.statement.utf8)),
                statement["_type"]?.stringValue == VerdictStatement.type,
                statement["predicateType"]?.stringValue == VerdictStatement.predicateType,
                let subjects = statement["subject"]?.arrayValue
            else {
                result.reasons.append("the signed statement is not a riskgate verdict (in-toto Statement v1)")
                continue
            }
            let named = subjects.compactMap { $0["digest"]?["gitCommit"]?.stringValue }
            guard named.contains(commit.hex) else {
                result.reasons.append("the verdict names another commit (\(named.first.map { String($0.prefix(12)) } ?? "none"))")
                continue
            }
            let decision = statement["predicate"]?["decision"]?.stringValue ?? "none"
            let ref = statement["predicate"]?["ref"]?.stringValue ?? "?"
            guard required.contains(decision) else {
                let allowed = required.sorted().joined(separator: ", ")
                result.reasons.append("decision \(decision) on \(ref) is not allowed (required: \(allowed))")
                continue
            }
            result.decision = decision
            result.signer = signer
            result.reasons = []
            return result
        }
        return result
    }
}
