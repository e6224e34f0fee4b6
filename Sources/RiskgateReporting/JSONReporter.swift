import RiskgateCore

/// `--format json`: schema `riskgate.report/1`, keys sorted, deterministic.
///
/// Sorted keys put `commits` first, so commits stream out as they are analysed (one per line)
/// and the summary, which needs them all, follows.
public struct JSONReporter: Reporter {
    public static let identifier = "json"

    private let sink: any OutputSink
    private let encoder = JSONEncoderLite(pretty: false)
    private var context: ReportContext?
    private var buffer: [UInt8] = []
    private var count = 0

    public init(sink: any OutputSink) { self.sink = sink }

    public mutating func begin(_ context: ReportContext) {
        self.context = context
        buffer.append(contentsOf: "{\"commits\":[".utf8)
    }

    public mutating func add(_ analysis: CommitAnalysis) {
        buffer.append(contentsOf: count == 0 ? [0x0a] : [UInt8(ascii: ","), 0x0a])
        encoder.write(ReportJSON.commit(analysis), into: &buffer, depth: 0)
        count += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    public mutating func finish(_ summary: RangeSummary) {
        let context = self.context ?? ReportContext(toolVersion: RiskgateVersion.current, capabilities: [], revisions: [])
        buffer.append(contentsOf: count == 0 ? "]".utf8 : "\n]".utf8)
        buffer.append(contentsOf: ",\"range\":".utf8)
        encoder.write(ReportJSON.range(context), into: &buffer, depth: 0)
        buffer.append(contentsOf: ",\"schemaVersion\":1,\"summary\":".utf8)
        encoder.write(ReportJSON.summary(summary), into: &buffer, depth: 0)
        buffer.append(contentsOf: ",\"tool\":".utf8)
        encoder.write(ReportJSON.tool(context), into: &buffer, depth: 0)
        buffer.append(contentsOf: "}\n".utf8)
        flush()
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
