/// An agent product not in the catalogue that commits under an address of its own whose local
/// part names it an agent (`clio-agent@sisyphuslabs.ai`, `coding-agent@example.dev`): medium
/// confidence, tool `other`. Only the local part's whole words count (`agentsmith@` is a person),
/// never a GitHub noreply address (people choose their logins), and never a build or CI agent
/// (`build-agent@`, `teamcity-agent@`: automation words rule it out).
public struct AgentAddressDetector: AuthorshipDetector {
    public init() {}
    public let signal = "agent-address"

    static let agentWords: Set<Substring> = ["agent", "agents"]
    static let automationWords: Set<Substring> = [
        "build", "builds", "ci", "cd", "deploy", "release", "jenkins", "teamcity", "azure", "vsts", "gitlab", "runner",
        "buildkite", "bamboo", "travis", "circle", "circleci", "monitor", "monitoring", "datadog", "backup", "mail",
        "support", "travel", "insurance", "estate", "sales",
    ]

    public func detect(_ input: DetectionInput) -> [DetectionSignal] {
        var found: [DetectionSignal] = []
        for identity in input.identities {
            let parsed = identity.parsed
            guard parsed.noreplyLogin == nil, let at = parsed.email.lastIndex(of: "@") else { continue }
            if AgentIdentityTable.emailIndex[parsed.email] != nil || GitHubBotLoginDetector.login(parsed) != nil { continue }
            let words = parsed.email[..<at].split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            guard words.contains(where: { Self.agentWords.contains($0) }),
                !words.contains(where: { Self.automationWords.contains($0) })
            else { continue }
            found.append(
                DetectionSignal(
                    signal: signal, detail: AgentIdentityDetector.detail(identity), tool: "other",
                    strength: identity.isAuthor ? .authored : .assisted, confidence: .medium))
        }
        return found
    }

    public let examples: [DetectorExample] = [
        .init(
            "Update opencode workflow (#168)\n\nCo-authored-by: Sisyphus <clio-agent@sisyphuslabs.ai>",
            .signal(tool: "other", strength: .assisted)),
        .init("Add search", author: "Coder <coding-agent@example.dev>", .signal(tool: "other", strength: .authored)),
        .init("Fix", author: "Agent Smith <agentsmith@example.com>", .nothing),
        .init("Fix\n\nCo-authored-by: Mona <123+secret-agent@users.noreply.github.com>", .nothing),
        .init("Nightly build", author: "TeamCity <build-agent@ci.example.com>", .nothing),
        .init("Fix", author: "Cursor Agent <cursoragent@cursor.com>", .nothing),
        .init("Fix", author: "Ann <ann.agentova@example.com>", .nothing),
    ]
}
