import RiskgateRulePacks
import Testing

@testable import RiskgateCore

/// The shared path cache must answer exactly what each rule's own `PathPatterns` answers, with
/// the default packs (globs repeated across rules, braces, negations) and from several threads.
struct PathMatchCacheTests {
    static let paths = [
        "infra/prod/main.tf", "infra/modules/s3/variables.tf", "terraform.tfstate", "envs/production/backend.tf",
        ".github/workflows/ci.yml", ".github/workflows/release.yaml", ".github/actions/setup/action.yml",
        ".gitlab-ci.yml", "Jenkinsfile", "ci/Dockerfile", "Dockerfile.prod", "deploy/run.sh", "scripts/x.sh",
        "db/migrations/0001_init.sql", "db/migrations/README.md", "schema.rb", "prisma/migrations/1/migration.sql",
        "k8s/rbac/reader.yaml", "charts/app/templates/deployment.yaml", "charts/app/values-prod.yaml",
        "package-lock.json", "yarn.lock", "go.sum", "Cargo.lock", "requirements.txt", "poetry.lock",
        ".github/CODEOWNERS", "CODEOWNERS", ".riskgate.yml", "rules/custom.yaml", "hooks/pre-receive",
        "policies/admin.json", "iam/roles.tf", "secrets/prod.env", "certs/server.key", "id_rsa",
        "src/app/main.py", "docs/guide.md", "README.md", "web/src/index.ts", "pulumi/index.ts", "Pulumi.prod.yaml",
        "playbooks/site.yml", "inventory/production/hosts", "cloudformation/stack.yaml", "template.yaml",
        "a/b/c/d/e/f/g.go", "ünïcödé/päth.tf", "with space/file name.yaml", "Makefile",
    ]

    @Test func answersWhatEachRulesPatternsAnswer() throws {
        let (_, rules) = try RuleSetLoader.load(configurationFile: nil)
        let cache = PathMatchCache(rules: rules.rules)
        for path in Self.paths {
            let expected = rules.rules.indices.filter { rules.rules[$0].paths.matches(path) }
            #expect(cache.lookup(path) == expected, "\(path)")
            #expect(cache.lookup(path) == expected, "\(path) (cached)")
        }
        #expect(Self.paths.contains { !cache.lookup($0).isEmpty }, "the default packs match some of these paths")
    }

    @Test func givesTheSameAnswersFromManyThreads() async throws {
        let (_, rules) = try RuleSetLoader.load(configurationFile: nil)
        let cache = PathMatchCache(rules: rules.rules)
        let expected = Self.paths.map { path in rules.rules.indices.filter { rules.rules[$0].paths.matches(path) } }
        let answers = await withTaskGroup(of: [[Int]].self) { group in
            for _ in 0..<8 { group.addTask { Self.paths.shuffled().sorted().map { cache.lookup($0) } } }
            var all: [[[Int]]] = []
            for await answer in group { all.append(answer) }
            return all
        }
        let sortedExpected = zip(Self.paths, expected).sorted { $0.0 < $1.0 }.map(\.1)
        for answer in answers { #expect(answer == sortedExpected) }
    }
}
