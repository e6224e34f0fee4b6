import ArgumentParser
import RiskgateCore
import RiskgateEngine
import RiskgateGit
import RiskgateRulePacks

#if canImport(Glibc)
    import Glibc
#endif

extension RiskgateCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, validate and test blast-radius rules.",
            subcommands: [List.self, Check.self, Test.self])
    }
}

extension RiskgateCommand.Rules {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the active rules: packs from the configuration plus built-in metrics and interactions.")

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        func run() throws {
            try reportingErrors {
                let repo = try? Repository(discoveringFrom: repository.directory)
                let rules = try ConfigurationLookup.load(option: config.path, repository: repo).rules
                var lines: [String] = []
                for rule in rules.rules.sorted(by: { ($0.category, $0.id) < ($1.category, $1.id) }) {
                    let kind = rule.hasContent ? "content" : "paths"
                    lines.append(Self.row(rule.id, rule.category, rule.points, kind, rule.description))
                }
                for rule in rules.builtIns {
                    lines.append(Self.row(rule.id, rule.category, rule.points, "built-in", rule.description))
                }
                print(Self.row("RULE", "CATEGORY", nil, "KIND", "WHY"))
                lines.forEach { print($0) }
                print("\(rules.rules.count) pack rules, \(rules.builtIns.count) built-in rules")
                return .success
            }
        }

        static func row(_ id: String, _ category: String, _ points: Int?, _ kind: String, _ why: String) -> String {
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
            }
            let shown = points.map(String.init) ?? "PTS"
            return pad(id, 36) + pad(category, 18) + pad(String(repeating: " ", count: max(0, 3 - shown.count)) + shown, 5)
                + pad(kind, 9) + why
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate rule pack files; problems are printed as file:line: rule-id: message (exit 2).")

        @Argument(help: ArgumentHelp("Rule pack files (YAML).", valueName: "file"))
        var files: [String]

        func run() throws {
            try reportingErrors {
                var issues: [RulePackIssue] = []
                var count = 0
                for file in files {
                    do throws(RulePackErrors) {
                        count += try RuleFiles.decode(file).count
                    } catch {
                        issues += error.issues
                    }
                }
                guard issues.isEmpty else { throw CommandError.configuration(RulePackErrors(issues).description) }
                print("ok: \(count) rules in \(files.count) file(s)")
                return .success
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples (of the given pack, or of the active configuration).")

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var config: ConfigurationOptions

        @Argument(help: ArgumentHelp("A rule pack file; without one, the active rules.", valueName: "file"))
        var file: String?

        func run() throws {
            try reportingErrors {
                let rules: [Rule]
                if let file {
                    do throws(RulePackErrors) {
                        rules = try RuleFiles.decode(file)
                    } catch {
                        throw CommandError.configuration(error.description)
                    }
                } else {
                    let repo = try? Repository(discoveringFrom: repository.directory)
                    rules = try ConfigurationLookup.load(option: config.path, repository: repo).rules.rules
                }
                let failures = RuleExampleRunner.failures(of: rules)
                guard failures.isEmpty else { throw CommandError.configuration(RulePackErrors(failures).description) }
                let examples = rules.reduce(0) { $0 + $1.examples.count }
                print("ok: \(examples) examples of \(rules.count) rules behave as declared")
                return .success
            }
        }
    }
}

/// Reading a pack file for `rules check` / `rules test`.
enum RuleFiles {
    /// Unreadable files and invalid UTF-8 are errors naming the file and line, as when loading.
    static func decode(_ path: String) throws(RulePackErrors) -> [Rule] {
        try RuleSetLoader.decodePackFile(path)
    }

}
