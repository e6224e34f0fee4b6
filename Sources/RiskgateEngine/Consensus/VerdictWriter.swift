import RiskgateAudit
import RiskgateCore
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

/// Signed verdicts on the server (SPEC §9). A ref cannot be updated while the pushed objects
/// are in quarantine, so the gate (pre-receive or update) only stages each accepted ref
/// update's statements in `$GIT_DIR/riskgate/pending-verdicts/<key>`, keyed by the update
/// (`<old> <new> <ref>`); post-receive, which git runs with the same lines for the updates it
/// made, signs them and adds them to the verdicts ref, then removes the file. A file left
/// behind (a failure, a crash) is written by `riskgate verdicts backfill`.
public enum VerdictWriter {
    static let folderName = "riskgate/pending-verdicts"

    public static func folder(_ repository: Repository) -> String { repository.commonDirectory + "/" + folderName }

    static func key(_ update: RefUpdate) -> String {
        AuditChain.sha256Hex(Array("\(update.old.hex) \(update.new.hex) \(update.ref)".utf8))
    }

    // MARK: - Staging (pre-receive, update)

    /// Stages the statements of every accepted, judged ref update. `auditHashes` holds each
    /// ref's audit entry hash by its index in `verdict.refs`. Returns problems for the pusher.
    public static func stage(
        _ verdict: PushVerdict, hook: String, repository: Repository, configuration: LoadedConfiguration,
        auditHashes: [Int: String]
    ) -> [String] {
        guard configuration.configuration.verdicts.signingKey != nil else { return [] }
        // git rejects the whole push when pre-receive blocks one ref.
        if hook == "pre-receive" && verdict.decision == .block { return [] }
        var problems: [String] = []
        let now = SystemClock.wallClockSeconds()
        // Notes refs (approvals, verdicts) are bookkeeping, not changes to deploy.
        for (index, ref) in verdict.refs.enumerated()
        where ref.decision != .block && !ref.update.new.isZero && !ref.update.ref.hasPrefix("refs/notes/") {
            let lines = statements(for: ref, policyDigest: configuration.digest, auditHash: auditHashes[index], time: now)
            guard !lines.isEmpty else { continue }
            if let problem = writeFile(folder(repository), key(ref.update), lines.joined(separator: "\n") + "\n") {
                problems.append("the verdicts of \(ref.update.ref) could not be staged: \(problem)")
            }
        }
        return problems
    }

    /// The statement of each analysed commit of an accepted ref (canonical JSON, one a line).
    static func statements(for ref: RefVerdict, policyDigest: String, auditHash: String?, time: Int) -> [String] {
        var waiver: (by: String, reason: String)?
        if case .accepted(let by, let reason)? = ref.waiver { waiver = (by, reason) }
        return ref.results.map { result in
            let decision: String
            if result.approvals?.satisfied == true {
                decision = "approved"
            } else if result.decision == .block {
                decision = waiver != nil ? "waived" : "flag"
            } else {
                decision = result.decision.rawValue
            }
            let predicate = VerdictStatement.Predicate(
                decision: decision, score: result.analysis.score, level: result.analysis.level, ref: ref.update.ref,
                policyDigest: policyDigest, rules: Array(Set(result.analysis.findings.map(\.rule))).sorted(),
                approvals: result.approvals, waiver: waiver, auditEntry: auditHash, time: time)
            return VerdictStatement.statement(commit: result.analysis.commit.id, predicate: predicate).canonicalText
        }
    }

    // MARK: - Writing (post-receive, backfill)

    public struct Report: Sendable {
        public var written = 0
        public var problems: [String] = []
    }

    /// Signs and writes the staged verdicts of these updates (post-receive's lines).
    public static func write(
        updates: [RefUpdate], repository: Repository, configuration: RiskgateConfiguration, keygen: SSHKeygen = SSHKeygen()
    ) -> Report {
        let folder = folder(repository)
        let files = updates.map { key($0) }.filter { TextFile.exists(folder + "/" + $0) }
        return writeFiles(files, repository: repository, configuration: configuration, keygen: keygen, checkReachable: false)
    }

    /// Every staged file still there, for commits their ref now reaches (`verdicts backfill`).
    public static func backfill(repository: Repository, configuration: RiskgateConfiguration, keygen: SSHKeygen = SSHKeygen())
        -> Report
    {
        writeFiles(pendingFiles(repository), repository: repository, configuration: configuration, keygen: keygen, checkReachable: true)
    }

    public static func pendingFiles(_ repository: Repository) -> [String] {
        var names: [String] = []
        guard let directory = opendir(folder(repository)) else { return [] }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.count == 64, name.allSatisfy(\.isHexDigit) { names.append(name) }
        }
        return names.sorted()
    }

    static func writeFiles(
        _ files: [String], repository: Repository, configuration: RiskgateConfiguration, keygen: SSHKeygen, checkReachable: Bool
    ) -> Report {
        var report = Report()
        guard !files.isEmpty else { return report }
        guard let key = configuration.verdicts.signingKey else {
            report.problems.append(
                "verdicts.signing_key is not configured; \(files.count) staged verdict file(s) left in \(folder(repository))")
            return report
        }
        let folder = folder(repository)
        var additions: [(commit: ObjectID, text: String)] = []
        var done: [String] = []
        for file in files {
            let text: String
            do {
                text = try TextFile.text(folder + "/" + file, what: "staged verdicts")
            } catch {
                report.problems.append(error.description)
                continue
            }
            var complete = true
            var awaiting = false
            var unsigned: [(commit: ObjectID, line: String)] = []
            for line in text.split(separator: "\n") where !line.isEmpty {
                guard let statement = try? CanonicalJSONParser.parse(Array(line.utf8)),
                    let commitHex = statement["subject"]?.arrayValue?.first?["digest"]?["gitCommit"]?.stringValue,
                    let commit = ObjectID(hex: commitHex)
                else {
                    report.problems.append("\(folder)/\(file): a line is not a verdict statement; skipped")
                    continue
                }
                if checkReachable, let ref = statement["predicate"]?["ref"]?.stringValue, !repository.reaches(ref: ref, commit: commit) {
                    // The push that staged it never went through, or its post-receive has yet to
                    // run: a recent file stays for it.
                    awaiting = awaiting || isRecent(folder + "/" + file)
                    continue
                }
                unsigned.append((commit, String(line)))
            }
            // One ssh-keygen run signs every statement of the update.
            do {
                let signatures = try keygen.sign(
                    many: unsigned.map { Array(($0.line + "\n").utf8) }, key: key, namespace: VerdictStatement.namespace)
                for (statement, signature) in zip(unsigned, signatures) {
                    additions.append((statement.commit, statement.line + "\n" + signature))
                }
            } catch {
                report.problems.append("signing the verdicts of \(unsigned.count) commit(s) failed: \(error.description)")
                complete = false
            }
            if complete && !awaiting { done.append(file) }
        }
        if !additions.isEmpty {
            do {
                try NotesStore(repository: repository, ref: configuration.verdicts.ref).add(
                    additions, name: "riskgate", email: "riskgate@localhost",
                    message: "riskgate: \(additions.count) verdict\(additions.count == 1 ? "" : "s")")
                report.written += additions.count
            } catch {
                report.problems.append("writing \(configuration.verdicts.ref) failed: \(error.description)")
                return report
            }
        }
        for file in done { unlink(folder + "/" + file) }
        return report
    }

    /// Modified in the last ten minutes.
    static func isRecent(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return SystemClock.wallClockSeconds() - Int(info.st_mtim.tv_sec) < 600
    }

    static func writeFile(_ folder: String, _ name: String, _ text: String) -> String? {
        var prefix = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            prefix += "/" + component
            mkdir(prefix, 0o755)
        }
        let temporary = folder + "/." + name + ".\(getpid())"
        do {
            try TemporaryFolder.writeFile(temporary, Array(text.utf8))
        } catch {
            return error.description
        }
        guard rename(temporary, folder + "/" + name) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            return why
        }
        return nil
    }
}

extension TemporaryFolder {
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(ProcessRunner.Failure) {
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        try TemporaryFolder(existing: String(path[..<slash])).write(String(path[path.index(after: slash)...]), bytes)
    }
}

extension VerdictWriter {
    /// post-receive: writes the verdicts staged for git's ref lines (`<old> <new> <ref>`). A
    /// failure leaves the staged file for `riskgate verdicts backfill`, and is audited.
    public static func postReceive(
        input: String, repository: Repository, configuration: LoadedConfiguration, environment: HookEnvironment
    ) -> [String] {
        guard let updates = try? HookInput.parsePreReceive(input), !updates.isEmpty else { return [] }
        let report = write(updates: updates, repository: repository, configuration: configuration.configuration)
        guard !report.problems.isEmpty else { return [] }
        let problems = report.problems + ["the verdicts left staged are written by `riskgate verdicts backfill`"]
        let recorder = AuditRecorder(
            hook: "post-receive", gitDirectory: repository.commonDirectory, configuredPath: configuration.configuration.auditPath,
            repositoryName: repository.commonDirectory, rulesDigest: configuration.digest, environment: environment)
        let detail = "signed verdicts not written: " + report.problems.joined(separator: "; ")
        return problems + recorder.recordFailure(updates, message: detail)
    }
}
