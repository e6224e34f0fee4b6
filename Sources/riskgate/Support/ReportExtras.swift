import RiskgateCore
import RiskgateReporting

#if canImport(Glibc)
    import Glibc
#endif

/// What the report command does around each analysis: hide baselined findings, feed the
/// recommendations, remember fingerprints for `--write-baseline`, and show progress.
struct ReportExtras {
    private let baseline: Baseline
    private let thresholds: LevelThresholds
    private let policy: DecisionPolicy
    private let writeBaselinePath: String?
    private var recommendations = Recommendations()
    private var fingerprints: Set<String> = []
    private var progress: ProgressMeter
    private var count = 0
    private(set) var hidden = 0

    init(output: OutputOptions, analyzer: CommitAnalyzer) throws(CommandError) {
        baseline = try output.baseline.map { path throws(CommandError) in Baseline(parsing: try readTextFile(path, what: "baseline")) }
            ?? Baseline()
        thresholds = analyzer.thresholds
        policy = analyzer.policy
        writeBaselinePath = output.writeBaseline
        progress = .forTerminal(quiet: output.quiet)
    }

    /// The analysis as the report shows it: accepted findings removed, score and level redone.
    mutating func process(_ analysis: CommitAnalysis) -> CommitAnalysis {
        count += 1
        progress.tick(count)
        if writeBaselinePath != nil { fingerprints.formUnion(analysis.findings.map(\.fingerprint)) }
        let policy = self.policy
        // A decision the policy raised above the level (e.g. for missing traceability) stays raised.
        let raised = analysis.decision > policy.decision(for: analysis.level) ? analysis.decision : .allow
        let (shown, hiddenHere) = baseline.apply(to: analysis, thresholds: thresholds) { filtered in
            max(policy.decision(for: filtered.level), raised)
        }
        hidden += hiddenHere
        recommendations.add(shown)
        return shown
    }

    /// Puts the recommendations into the summary, tells the reporter what the baseline hid and
    /// writes the new baseline.
    mutating func finish(_ summary: inout RangeSummary, reporter: inout any Reporter) throws(CommandError) {
        progress.finish()
        summary.recommendations = recommendations.recommendations()
        if hidden > 0 { reporter.noteHidden(hidden) }
        if let path = writeBaselinePath {
            let text = Baseline.render(
                fingerprints.union(baseline.fingerprints),
                header: "riskgate baseline: accepted findings, one fingerprint (commit:path:rule[:line]) per line.\n"
                    + "Use with: riskgate report --baseline \(path)")
            let sink = try FileDescriptorSink.file(path)
            sink.write(text)
        }
    }
}

/// Reads a whole text file, or says which file and why not.
func readTextFile(_ path: String, what: String) throws(CommandError) -> String {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
        throw .input("cannot read the \(what) file \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw .input("cannot read the \(what) file \(path): \(String(cString: strerror(errno)))")
        }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return LenientText.decode(bytes)
}
