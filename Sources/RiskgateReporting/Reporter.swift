import RiskgateCore

/// Where a reporter's bytes go (standard output, a file, a buffer in tests).
public protocol OutputSink: AnyObject {
    func write(_ bytes: [UInt8])
}

extension OutputSink {
    public func write(_ text: String) { write(Array(text.utf8)) }
}

/// Collects output in memory (tests, and callers that post-process a report).
public final class BufferSink: OutputSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: [UInt8]) { self.bytes.append(contentsOf: bytes) }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A report format. Commits arrive one at a time so that a report over a long history never
/// holds it all; formats that must sort keep only what they show.
public protocol Reporter {
    /// Stable identifier, as given to `--format`.
    static var identifier: String { get }
    mutating func begin(_ context: ReportContext)
    mutating func add(_ analysis: CommitAnalysis)
    mutating func finish(_ summary: RangeSummary)
    /// Findings a baseline hid before they reached the reporter, for formats that say so.
    mutating func noteHidden(_ count: Int)
    /// Why the report could not be written (an encoding failure), nil when it was: a front end
    /// turns it into an error instead of passing an empty or partial report on.
    var failure: String? { get }
}

extension Reporter {
    public mutating func noteHidden(_ count: Int) {}
    public var failure: String? { nil }
}
