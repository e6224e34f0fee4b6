import Foundation
import RiskgateCore
import Testing

/// The agent catalogue (`rules/agents/catalogue.yaml`): the generated Swift is fresh, it keeps its
/// promise of 40+ products with sources and dates, and every example comes out of the whole
/// classifier with its kind and tool.
struct AgentCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFileIsFresh() throws {
        let yaml = try Data(contentsOf: Self.root.appendingPathComponent("rules/agents/catalogue.yaml"))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in yaml { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        #expect(
            hash == AgentCatalogue.sourceHash,
            "rules/agents/catalogue.yaml changed: run Scripts/generate-agent-catalogue.py")
    }

    @Test func everyProductHasSourcesAndDates() {
        #expect(AgentCatalogue.products.count >= 40)
        #expect(Set(AgentCatalogue.products.map(\.id)).count == AgentCatalogue.products.count)
        for product in AgentCatalogue.products {
            #expect(!product.sources.isEmpty && !product.dates.isEmpty, "\(product.id)")
        }
    }

    @Test(arguments: AgentCatalogue.examples)
    func example(_ example: AgentCatalogue.Example) {
        let result = AuthorshipClassifier().classify(example.input)
        #expect(result.kind == example.kind, "evidence: \(result.evidence)")
        if let tool = example.tool { #expect(result.tool == tool) }
    }

    /// Mutations of the examples that must not change the verdict: CRLF line endings, trailing
    /// blank lines, upper-case email addresses.
    @Test(arguments: AgentCatalogue.examples)
    func mutatedExample(_ example: AgentCatalogue.Example) {
        var mutated = example
        mutated.message = example.message.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n"
        mutated.author = example.author.uppercased().hasSuffix(">") ? Self.upperEmail(example.author) : example.author
        let result = AuthorshipClassifier().classify(mutated.input)
        #expect(result.kind == example.kind, "evidence: \(result.evidence)")
    }

    static func upperEmail(_ identity: String) -> String {
        guard let open = identity.lastIndex(of: "<") else { return identity }
        return String(identity[..<open]) + identity[open...].uppercased()
    }
}
