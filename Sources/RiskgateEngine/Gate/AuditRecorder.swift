import RiskgateAudit
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif
import RiskgateCore

/// The one place a hook decision reaches the audit log (SPEC §7): one entry per ref verdict,
/// or one `error` entry when the push could not be evaluated at all.
public struct AuditRecorder {
    var hook: String
    var gitDirectory: String
    var configuredPath: String?
    var repositoryName: String
    var rulesDigest: String
    var environment: HookEnvironment
    /// `core.sharedRepository`'s group-writable modes for what the log creates.
    var permissions: AuditPermissions = .standard
    /// Where the head is kept after each append (`refs/riskgate/audit-head`); nil: nowhere.
    var anchorRepository: Repository?

    /// - Parameter entryHash: told each ref's entry hash (by index in `verdict.refs`) once written.
    func record(_ verdict: PushVerdict, entryHash: ((Int, String) -> Void)? = nil) -> [String] {
        var problems: [String] = []
        // A push of thousands of refs (a mirror, a tag import) would spend the deadline many times
        // over on one fsync'd entry per ref: the plainly allowed refs share one entry that lists
        // them all; every ref with something to record keeps its own.
        var plain: [Int] = []
        if verdict.refs.count > Self.refsPerEntryLimit {
            plain = verdict.refs.indices.filter { index in
                let ref = verdict.refs[index]
                return ref.status == .allow && ref.rangeFindings.isEmpty && ref.waiver == nil
                    && ref.results.allSatisfy { $0.decision == .allow }
            }
            if !plain.isEmpty {
                let draft = AuditEntryDraft(
                    time: AuditTime(secondsSinceEpoch: SystemClock.wallClockSeconds()), rulesDigest: rulesDigest,
                    actor: verdict.pusher?.name, via: via(verdict), repository: repositoryName,
                    refs: plain.map { verdict.refs[$0].update }.map {
                        AuditRefUpdate(ref: $0.ref, old: $0.old.hex, new: $0.new.hex)
                    },
                    decision: .allow, hook: hook, detail: "\(plain.count) refs allowed, recorded together")
                if let problem = append(draft, entryHash: { hash in for index in plain { entryHash?(index, hash) } }) {
                    problems.append(problem)
                }
            }
        }
        let plainSet = Set(plain)
        for (index, ref) in verdict.refs.enumerated() where !plainSet.contains(index) {
            let findings = ref.rangeFindings.map(\.finding.fingerprint)
                + ref.results.filter { $0.decision > .allow }.flatMap { $0.analysis.findings.map(\.fingerprint) }
            let riskiest = ref.results.max { $0.analysis.score < $1.analysis.score }
            var waiver: AuditWaiver?
            if case .accepted(let by, let reason)? = ref.waiver { waiver = AuditWaiver(by: by, reason: reason) }
            var detail: String?
            if let failure = ref.failure {
                detail = failure
            } else if ref.unanalyzed > 0 {
                detail = "\(ref.results.count) of \(ref.commitCount) commits analysed before the deadline; decided by on_timeout"
            } else if case .refused(let why)? = ref.waiver {
                detail = "waiver refused: \(why)"
            } else if ref.wouldBlock {
                detail = "would block (mode: evaluate): " + ref.rangeFindings.map(\.finding.rule).joined(separator: ", ")
            }
            let draft = AuditEntryDraft(
                time: AuditTime(secondsSinceEpoch: SystemClock.wallClockSeconds()), rulesDigest: rulesDigest,
                actor: verdict.pusher?.name, via: via(verdict), repository: repositoryName,
                refs: [AuditRefUpdate(ref: ref.update.ref, old: ref.update.old.hex, new: ref.update.new.hex)],
                decision: decision(of: ref), score: riskiest?.analysis.score, level: riskiest?.analysis.level,
                findings: findings, waiver: waiver, hook: hook, detail: detail)
            if let problem = append(draft, entryHash: { entryHash?(index, $0) }) { problems.append(problem) }
        }
        return problems
    }

    /// Above this many refs in one push, plainly allowed refs share one audit entry.
    static let refsPerEntryLimit = 100

    /// A push that could not be evaluated (bad configuration, unreadable repository).
    func recordFailure(_ updates: [RefUpdate], message: String) -> [String] {
        let draft = AuditEntryDraft(
            time: AuditTime(secondsSinceEpoch: SystemClock.wallClockSeconds()), rulesDigest: rulesDigest,
            actor: environment.pusher(identityVariable: nil)?.name, via: environment.via, repository: repositoryName,
            refs: updates.map { AuditRefUpdate(ref: $0.ref, old: $0.old.hex, new: $0.new.hex) }, decision: .error,
            hook: hook, detail: message)
        return append(draft).map { [$0] } ?? []
    }

    private func via(_ verdict: PushVerdict) -> String? {
        [verdict.pusher?.variable, environment.via].compactMap { $0 }.joined(separator: " ").nilIfEmpty
    }

    private func decision(of ref: RefVerdict) -> AuditDecision {
        switch ref.status {
        case .waived: .waiver
        case .incomplete: .incomplete
        case .error: .error
        case .allow: .allow
        case .flag: .flag
        case .block: .block
        case .wouldBlock: .evaluated
        }
    }

    private func append(_ draft: AuditEntryDraft, entryHash: (String) -> Void = { _ in }) -> String? {
        let path = AuditLog.resolvePath(gitDirectory: gitDirectory, configured: configuredPath)
        do {
            let entry = try AuditLog(path: path, permissions: permissions).append(draft)
            entryHash(entry.hash)
            if let repository = anchorRepository {
                do {
                    try AuditAnchorRef.write("\(entry.seq) \(entry.hash)\n", repository: repository)
                } catch {
                    return "could not update \(AuditAnchorRef.name) after appending to \(path): \(error)"
                }
            }
            return nil
        } catch {
            return "could not write the audit log \(path): \(error)"
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension AuditRecorder {
    /// The kill switch thrown or lifted by an admin: one entry, who and why.
    public static func recordKillSwitch(
        _ decision: AuditDecision, detail: String, repository: Repository, configuration: LoadedConfiguration?,
        actor: String?
    ) -> String? {
        let recorder = AuditRecorder(
            hook: "", gitDirectory: repository.commonDirectory, configuredPath: configuration?.configuration.auditPath,
            repositoryName: repository.commonDirectory, rulesDigest: configuration?.digest ?? "unavailable",
            environment: HookEnvironment([:]),
            permissions: .sharedRepository(repository.configString("core.sharedRepository")), anchorRepository: repository)
        let draft = AuditEntryDraft(
            time: AuditTime(secondsSinceEpoch: SystemClock.wallClockSeconds()), rulesDigest: recorder.rulesDigest,
            actor: actor, via: "riskgate freeze", repository: repository.commonDirectory, refs: [], decision: decision,
            hook: nil, detail: detail)
        return recorder.append(draft)
    }
}

extension AuditRecorder {
    /// For `install --server`: in a shared repository (`core.sharedRepository`) the audit
    /// directory is created now, group-writable with the setgid bit, so that every pusher's hook
    /// (each runs as its pusher) can append. Returns the directory prepared, nil when the
    /// repository is not shared or the directory exists already.
    public static func prepareSharedDirectory(repository: Repository, configuredPath: String?) throws(EngineError) -> String? {
        let shared = repository.configString("core.sharedRepository")
        let permissions = AuditPermissions.sharedRepository(shared)
        guard permissions != .standard else { return nil }
        let path = AuditLog.resolvePath(gitDirectory: repository.commonDirectory, configured: configuredPath)
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        if mkdir(directory, mode_t(permissions.directoryMode)) != 0 {
            if errno == EEXIST { return nil }
            throw .input("cannot create the audit directory \(directory): \(String(cString: strerror(errno)))")
        }
        chmod(directory, mode_t(permissions.directoryMode))
        return directory
    }
}
