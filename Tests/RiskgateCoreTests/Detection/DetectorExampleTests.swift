import RiskgateCore
import Testing

/// Every detector's own examples (STYLE rule 3), as written and mutated the way messages arrive:
/// CRLF line endings and trailing blank lines must not change a verdict.
struct DetectorExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var detector: any AuthorshipDetector
        var example: DetectorExample
        var testDescription: String { "\(detector.signal): \(example)" }
    }

    static let cases: [Case] = DetectorRegistry.all.flatMap { detector in
        detector.examples.map { Case(detector: detector, example: $0) }
    }

    static func mutations(_ example: DetectorExample) -> [DetectorExample] {
        var crlf = example
        crlf.message = example.message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        var trailing = example
        trailing.message += "\n\n\n"
        return [example, crlf, trailing]
    }

    @Test(arguments: cases)
    func exampleBehavesAsDocumented(_ testCase: Case) {
        for variant in Self.mutations(testCase.example) {
            let signals = testCase.detector.detect(variant.input)
            switch variant.expectation {
            case .nothing:
                #expect(signals.isEmpty, "\(variant.message.debugDescription) gave \(signals)")
            case .signal(let tool, let strength):
                let strongest = signals.max { $0.strength < $1.strength }
                #expect(strongest?.tool == tool, "\(variant.message.debugDescription) gave \(signals)")
                #expect(strongest?.strength == strength, "\(variant.message.debugDescription) gave \(signals)")
                for signal in signals {
                    #expect(signal.signal.hasPrefix(testCase.detector.signal))
                    #expect(!signal.detail.isEmpty)
                }
            }
        }
    }

    @Test func everyDetectorShipsTriggeringAndNonTriggeringExamples() {
        for detector in DetectorRegistry.all {
            #expect(detector.examples.contains { $0.expectation != .nothing }, "\(detector.signal) has no triggering example")
            #expect(detector.examples.contains { $0.expectation == .nothing }, "\(detector.signal) has no negative example")
        }
        let names = DetectorRegistry.all.map(\.signal)
        #expect(Set(names).count == names.count, "detector signal names must be unique")
    }

    @Test func everyTableToolIsASpecToolID() {
        let spec: Set<String> = [
            "claude-code", "copilot", "copilot-agent", "cursor", "aider", "codex", "devin", "jules", "gemini",
            "gemini-code-assist", "openhands", "opencode", "amp", "replit", "factory", "firebender", "windsurf",
            "amazon-q", "roo-code", "other",
        ]
        var tools = AgentIdentityTable.emails.map(\.tool) + AgentIdentityTable.logins.compactMap(\.tool)
        tools += AgentIdentityTable.logins.compactMap(\.authorTool) + AgentIdentityTable.stamps.map(\.tool)
        tools += AgentIdentityTable.madeWith.values + AgentIdentityTable.sessionKeys.values.compactMap { $0 }
        tools += AgentIdentityTable.toolWords.map(\.tool) + AgentIdentityTable.nameOnlyWords.values
        tools += AgentIdentityTable.gitAITools.values
        for tool in tools { #expect(spec.contains(tool), "\(tool) is not a SPEC §3.1 tool id") }
        for entry in AgentIdentityTable.emails { #expect(entry.email == entry.email.lowercased()) }
        for entry in AgentIdentityTable.logins { #expect(entry.login == entry.login.lowercased()) }
    }
}
