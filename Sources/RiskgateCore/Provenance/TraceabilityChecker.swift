/// Checks an AI commit's link to the prompt or session that produced it (SPEC §3.2).
///
/// - not AI: `not-required`;
/// - a valid link (`AI-Session`, `Prompt-Id`, the tools' session trailers): `linked`, and
///   `verified` when a record resolves it: a git-ai log or a riskgate prompt record on a
///   configured notes ref, or a prompt-record file at the configured path in the commit's tree;
/// - no valid link but a record on a notes ref (git-ai logs name their sessions): `verified`;
/// - no link trailer but the prompt recorded in the message (a chat transcript, a `Prompt:`
///   paragraph, a shared transcript URL, see `InlinePrompt`): `linked`;
/// - an invalid link or `Assisted-by`: `malformed`; otherwise `missing` (a disclosure alone
///   says AI helped, not where the prompt is).
///
/// `AI-Scope` globs are checked against the changed paths of AI commits.
public struct TraceabilityChecker: TraceabilityChecking {
    public var settings: TraceabilitySettings
    public var records: any ProvenanceRecords

    public init(settings: TraceabilitySettings = TraceabilitySettings(), records: any ProvenanceRecords = NoProvenanceRecords()) {
        self.settings = settings
        self.records = records
    }

    public func check(_ commit: CommitSnapshot, trailers: [Trailer], authorship: Authorship) -> Traceability {
        // Most commits are not AI: skip the message scan for them (history reports stay cheap).
        guard authorship.isAI else { return .notRequired }
        return check(commit, input: DetectionInput(commit: commit, trailers: trailers), authorship: authorship)
    }

    public func check(_ commit: CommitSnapshot, input: DetectionInput, authorship: Authorship) -> Traceability {
        let found = TraceabilityLinks(input)
        var result = Traceability(status: .notRequired, links: found.valid, scope: found.scope)
        result.notes = found.problems + found.badScope
        if !found.scope.isEmpty {
            let globs = found.scope.compactMap(ScopeGlob.init)
            result.outOfScope = commit.files.map(\.path).filter { path in !globs.contains { $0.matches(path) } }
        }
        guard authorship.isAI else { return result }

        let verification = verify(commit, links: found.valid)
        result.notes += verification.notes
        result.aiLines = verification.lineShare
        result.prompts = InlinePrompt.find(in: input)
        for prompt in result.prompts {
            if let url = prompt.url, !result.links.contains(url) { result.links.append(url) }
        }
        if verification.verified {
            result.status = .verified
        } else if !found.badScope.isEmpty {
            // A scope that is not a glob, or would expand past the limit, is reported, never
            // expanded; without it the files cannot be checked, so the trailers are malformed.
            result.status = .malformed
        } else if !found.valid.isEmpty || !result.prompts.isEmpty {
            result.status = .linked
        } else if !found.problems.isEmpty {
            result.status = .malformed
        } else {
            result.status = .missing
        }
        return result
    }

    struct Verification {
        var verified = false
        var notes: [String] = []
        var lineShare: AILineShare?
    }

    func verify(_ commit: CommitSnapshot, links: [String]) -> Verification {
        var outcome = Verification()
        verifyAgentTrace(commit, into: &outcome)
        for ref in settings.notesRefs where ref != AgentTraceRecord.notesRef {
            guard let bytes = records.note(for: commit.id, notesRef: ref), !bytes.isEmpty else { continue }
            if let log = GitAINote(bytes) {
                outcome.verified = true
                let added = commit.files.reduce(0) { $0 + ($1.added ?? 0) }
                // git-ai's log is line-exact for the commit: it wins over an Agent Trace estimate.
                let share = AILineShare(aiLines: log.aiLines, humanLines: log.humanLines, addedLines: added)
                outcome.lineShare = share
                let tools = log.tools.isEmpty ? "" : " (tools: \(log.tools.joined(separator: ", ")))"
                outcome.notes.append(
                    "git-ai log on \(ref): \(log.aiLines) AI-written and \(log.humanLines) human lines attested, "
                        + "at least \(share.minimumPercent)% of the \(share.denominator) lines AI-written\(tools)")
                continue
            }
            switch PromptRecord.parse(bytes) {
            case .success(let record):
                if links.isEmpty || links.contains(record.session) {
                    outcome.verified = true
                    outcome.notes.append("prompt record on \(ref) for session \(record.session)")
                } else {
                    outcome.notes.append(
                        "prompt record on \(ref) names session \(record.session), not the commit's link")
                }
            case .failure(.missingSession):
                outcome.notes.append("malformed prompt record on \(ref): \(PromptRecord.Problem.missingSession)")
            case .failure(.notARecord):
                if ref == "refs/notes/ai" || ref == "refs/notes/riskgate" {
                    outcome.notes.append("note on \(ref) is not a git-ai log or riskgate prompt record; ignored")
                } else if !links.isEmpty {
                    outcome.verified = true
                    outcome.notes.append("note on \(ref)")
                }
            }
        }
        if let template = settings.promptRecords {
            for link in links {
                guard let id = Self.recordID(link) else { continue }
                let path = template.replacingPlaceholder("{id}", with: id)
                if records.file(at: path, in: commit.id) != nil {
                    outcome.verified = true
                    outcome.notes.append("prompt record \(path)")
                } else {
                    outcome.notes.append("no prompt record at \(path) in the commit's tree")
                }
            }
        }
        return outcome
    }

    /// Agent Trace records naming the commit (`AgentTraceRecord`), from its note on
    /// `refs/notes/agent-trace` and from `.agent-trace/traces.jsonl` in its tree, wherever the
    /// configuration's notes refs point: that is where the spec's implementations put them.
    func verifyAgentTrace(_ commit: CommitSnapshot, into outcome: inout Verification) {
        var ai = 0
        var human = 0
        var named: [String] = []
        let places: [(bytes: [UInt8]?, fromNote: Bool, place: String)] = [
            (records.note(for: commit.id, notesRef: AgentTraceRecord.notesRef), true, "note on \(AgentTraceRecord.notesRef)"),
            (records.file(at: AgentTraceRecord.treePath, in: commit.id), false, AgentTraceRecord.treePath),
        ]
        for (bytes, fromNote, place) in places {
            guard let bytes, !bytes.isEmpty else { continue }
            let matching = AgentTraceRecord.parseAll(bytes).filter { $0.names(commit, fromNote: fromNote) }
            guard !matching.isEmpty else { continue }
            for record in matching {
                let lines = record.lines(in: commit)
                ai += lines.ai
                human += lines.human
            }
            named.append("\(matching.count) Agent Trace record(s) in \(place)")
        }
        guard !named.isEmpty else { return }
        outcome.verified = true
        let added = commit.files.reduce(0) { $0 + ($1.added ?? 0) }
        let share = AILineShare(aiLines: ai, humanLines: human, addedLines: added)
        if outcome.lineShare == nil { outcome.lineShare = share }
        outcome.notes.append(
            named.joined(separator: " and ") + ": \(ai) AI-written and \(human) human lines in the commit's files, "
                + "at least \(share.minimumPercent)% of the \(share.denominator) lines AI-written")
    }

    /// The `{id}` of a link: the link itself, or a URL's last path component; only
    /// `[A-Za-z0-9._-]`, never `..`, so a link cannot point outside the records folder.
    static func recordID(_ link: String) -> String? {
        var candidate = Substring(link)
        if link.contains("://") {
            let path = candidate.split(separator: "/").dropFirst(2)
            guard let last = path.last else { return nil }
            candidate = last.split(whereSeparator: { $0 == "?" || $0 == "#" }).first ?? last
        }
        let allowed = candidate.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
        guard allowed, !candidate.isEmpty, !candidate.contains(".."), candidate != "." else { return nil }
        return String(candidate)
    }
}

/// The AI-written share of a commit's lines from a git-ai log: a floor, because lines no
/// attestation covers are of unknown origin.
public struct AILineShare: Hashable, Sendable {
    public var aiLines: Int
    public var humanLines: Int
    /// Lines the commit added (numstat), the share's denominator unless attestations cover more.
    public var addedLines: Int

    public init(aiLines: Int, humanLines: Int, addedLines: Int) {
        self.aiLines = aiLines
        self.humanLines = humanLines
        self.addedLines = addedLines
    }

    public var denominator: Int { max(addedLines, aiLines + humanLines) }

    /// AI lines over all lines, rounded down (0 when there are no lines).
    public var minimumPercent: Int { denominator == 0 ? 0 : aiLines * 100 / denominator }
}

extension String {
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: placeholder) {
            result += rest[..<range.lowerBound]
            result += value
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
