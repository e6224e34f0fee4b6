/// Combines every detector's signals into one verdict (SPEC §3.1).
///
/// - Automation marks decide first: a notes merge or dependabot commit is `bot` even when it
///   carries an agent's address.
/// - `AI-Assisted: no` cancels AI signals below high confidence (VS Code's Copilot co-author,
///   name-only mentions); an exact identity or stamp still wins and both stay in the evidence.
/// - Any signal that the agent made the commit makes it `ai-authored`; otherwise AI signals make
///   it `ai-assisted`. The tool comes from the strongest signal that names one.
/// - No marks: `human` with low confidence (absence proves nothing).
/// - `decidedBy` names the signal that decided: the automation mark, or the first AI signal by
///   strength, then confidence (each detector's confidence is its measured precision, see
///   rules/README.md "Detector confidence"), then whether it names a specific tool.
public struct AuthorshipClassifier: AuthorshipClassifying {
    public var detectors: [any AuthorshipDetector]
    /// Where notes come from (git-ai logs mark AI lines on commits that carry no other mark).
    public var records: (any ProvenanceRecords)?
    public var notesRefs: [String]

    public init(
        detectors: [any AuthorshipDetector] = DetectorRegistry.all, records: (any ProvenanceRecords)? = nil,
        notesRefs: [String] = TraceabilitySettings.defaultNotesRefs
    ) {
        self.detectors = detectors
        self.records = records
        self.notesRefs = notesRefs
    }

    public func classify(_ commit: CommitSnapshot, trailers: [Trailer]) -> Authorship {
        var input = DetectionInput(commit: commit, trailers: trailers)
        if let records {
            for ref in notesRefs {
                if let note = records.note(for: commit.id, notesRef: ref) { input.notes.append((ref, note)) }
            }
            // Agent Trace's notes ref is read whatever the configuration lists (AgentTraceRecord).
            if !notesRefs.contains(AgentTraceRecord.notesRef),
                let note = records.note(for: commit.id, notesRef: AgentTraceRecord.notesRef)
            {
                input.notes.append((AgentTraceRecord.notesRef, note))
            }
        }
        return classify(input)
    }

    public func classify(_ input: DetectionInput) -> Authorship {
        var signals: [DetectionSignal] = []
        for detector in detectors { signals.append(contentsOf: detector.detect(input)) }
        return Self.combine(signals)
    }

    public static func combine(_ signals: [DetectionSignal]) -> Authorship {
        let evidence = uniqueEvidence(signals)
        let automation = signals.filter { $0.strength == .automation }
        if let best = automation.max(by: { $0.confidence < $1.confidence }) {
            return Authorship(kind: .bot, tool: nil, confidence: best.confidence, evidence: evidence, decidedBy: best.evidence)
        }
        let negated = signals.contains { $0.strength == .negative }
        var ai = signals.filter { $0.strength >= .assisted }
        if negated { ai = ai.filter { $0.confidence == .high } }
        guard !ai.isEmpty else {
            return Authorship(kind: .human, tool: nil, confidence: negated ? .medium : .low, evidence: evidence)
        }
        let kind: Authorship.Kind = ai.contains { $0.strength == .authored } ? .aiAuthored : .aiAssisted
        let ranked = ai.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.strength != b.strength { return a.strength > b.strength }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            if a.namesSpecificTool != b.namesSpecificTool { return a.namesSpecificTool }
            return left.offset < right.offset
        }.map(\.element)
        let tool = ranked.first(where: \.namesSpecificTool)?.tool ?? "other"
        let confidence = ai.map(\.confidence).max() ?? .low
        return Authorship(kind: kind, tool: tool, confidence: confidence, evidence: evidence, decidedBy: ranked.first?.evidence)
    }

    static func uniqueEvidence(_ signals: [DetectionSignal]) -> [Authorship.Evidence] {
        var seen: Set<Authorship.Evidence> = []
        var evidence: [Authorship.Evidence] = []
        for signal in signals {
            let item = Authorship.Evidence(signal: signal.signal, detail: signal.detail)
            if seen.insert(item).inserted { evidence.append(item) }
        }
        return evidence
    }
}

extension DetectionSignal {
    var namesSpecificTool: Bool { tool != nil && tool != "other" }
    var evidence: Authorship.Evidence { Authorship.Evidence(signal: signal, detail: detail) }
}
