import RiskgateCore
import Yams

/// Decodes rule packs: YAML → `RawRulePack` (shape, lines) → validated `Rule`s.
public enum RulePackDecoder {
    public static let supportedVersion = 1

    /// Decodes one pack's text. `file` names it in messages; `origin` is recorded in each rule.
    /// Throws every problem of the file at once.
    public static func decode(_ text: String, file: String, origin: String? = nil) throws(RulePackErrors) -> [Rule] {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text) else {
            if reader.issues.isEmpty { reader.report(1, "pack", "empty rule pack; it needs 'version: 1' and 'rules'") }
            throw RulePackErrors(reader.issues)
        }
        let raw = RawRulePack.read(root, reader: &reader)
        var rules: [Rule] = []
        validateVersion(raw, reader: &reader)
        var seen: [String: Int] = [:]
        for rawRule in raw.rules {
            if let id = rawRule.id {
                if let first = seen[id.value] {
                    reader.report(id.line, id.value, "duplicate rule id (first defined at line \(first))")
                    continue
                }
                seen[id.value] = id.line
            }
            if let rule = validate(rawRule, origin: origin ?? file, reader: &reader) { rules.append(rule) }
        }
        guard reader.issues.isEmpty else { throw RulePackErrors(reader.issues.sorted { $0.line < $1.line }) }
        return rules
    }

    private static func validateVersion(_ raw: RawRulePack, reader: inout YAMLReader) {
        guard let version = raw.version else {
            reader.report(raw.line, "version", "missing 'version' (add 'version: \(supportedVersion)')")
            return
        }
        if version.value != supportedVersion {
            reader.report(
                version.line, "version",
                "unsupported version \(version.value) (this riskgate reads version \(supportedVersion))")
        }
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, checked by hand (a stored `Regex` is not `Sendable`).
    static func isKebabCase(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            }
    }

    private static func validate(_ raw: RawRule, origin: String, reader: inout YAMLReader) -> Rule? {
        let before = reader.issues.count
        guard let id = raw.id else {
            reader.report(raw.line, "rule", "missing 'id'")
            return nil
        }
        let subject = id.value
        if !isKebabCase(id.value) {
            reader.report(id.line, subject, "id must be kebab-case (lower-case letters, digits and '-')")
        }
        let category = required(raw.category, "category", subject, raw.line, &reader)
        if let category, !isKebabCase(category.value) {
            reader.report(category.line, subject, "category must be kebab-case (e.g. infrastructure, ci-cd)")
        }
        let description = required(raw.description, "description", subject, raw.line, &reader)
        if let description, description.value.contains("\n") || description.value.isEmpty {
            reader.report(description.line, subject, "description must be one non-empty line saying why")
        }
        var points = 0
        if let value = raw.points {
            points = value.value
            if !(0...100).contains(points) { reader.report(value.line, subject, "points must be between 0 and 100") }
        } else {
            reader.report(raw.line, subject, "missing 'points'")
        }

        var paths = PathPatterns.empty
        if let rawPaths = raw.paths, !rawPaths.isEmpty {
            var valid: [String] = []
            for pattern in rawPaths {
                do {
                    _ = try PathPatterns([pattern.value])
                    valid.append(pattern.value)
                } catch {
                    reader.report(pattern.line, subject, "\(error)")
                }
            }
            paths = (try? PathPatterns(valid)) ?? .empty
        } else {
            reader.report(raw.pathsLine ?? raw.line, subject, "missing 'paths' (at least one glob)")
        }

        var content: [ContentPattern] = []
        for (side, sources) in [(ContentPattern.Side.added, raw.added), (.removed, raw.removed)] {
            for source in sources {
                do {
                    content.append(try ContentPattern(side: side, source: source.value))
                } catch {
                    reader.report(source.line, subject, "\(error)")
                }
            }
        }
        var unless: [LinearRegex] = []
        for source in raw.unless {
            do {
                unless.append(try LinearRegex(source.value))
            } catch {
                reader.report(source.line, subject, "\(error)")
            }
        }
        if !raw.unless.isEmpty, content.isEmpty {
            reader.report(raw.unless[0].line, subject, "'unless' needs 'added' or 'removed' patterns to exclude lines from")
        }

        var authorship: Set<Authorship.Kind>?
        if let kinds = raw.authorship {
            var set = Set<Authorship.Kind>()
            for kind in kinds {
                if kind.value == "ai" {
                    set.formUnion([.aiAssisted, .aiAuthored])
                } else if let known = Authorship.Kind(rawValue: kind.value) {
                    set.insert(known)
                } else {
                    reader.report(
                        kind.line, subject, "unknown authorship '\(kind.value)' (use ai, human, ai-assisted, ai-authored, bot)")
                }
            }
            authorship = set
        }

        let examples = validateExamples(raw, subject: subject, reader: &reader)
        guard reader.issues.count == before, let category, let description else { return nil }
        return Rule(
            id: id.value, category: category.value, description: description.value, points: points, paths: paths,
            content: content, unless: unless, authorship: authorship, examples: examples, origin: origin)
    }

    private static func validateExamples(_ raw: RawRule, subject: String, reader: inout YAMLReader) -> [RuleExample] {
        guard let line = raw.examplesLine else {
            reader.report(raw.line, subject, "missing 'examples': every rule needs paths that must and must not match")
            return []
        }
        if raw.matching.isEmpty { reader.report(line, subject, "'examples' needs at least one 'match' example") }
        if raw.notMatching.isEmpty { reader.report(line, subject, "'examples' needs at least one 'no_match' example") }
        var examples: [RuleExample] = []
        for (shouldMatch, list) in [(true, raw.matching), (false, raw.notMatching)] {
            for example in list {
                guard let path = example.path, !path.value.isEmpty else {
                    reader.report(example.line, subject, "example needs a 'path'")
                    continue
                }
                var kind: Authorship.Kind?
                if let value = example.authorship {
                    kind = Authorship.Kind(rawValue: value.value)
                    if kind == nil {
                        reader.report(value.line, subject, "unknown authorship '\(value.value)' in example")
                    }
                }
                examples.append(
                    RuleExample(
                        path: path.value, added: example.added, removed: example.removed, authorship: kind,
                        shouldMatch: shouldMatch, line: example.line))
            }
        }
        return examples
    }

    private static func required<T>(
        _ value: Located<T>?, _ key: String, _ subject: String, _ line: Int, _ reader: inout YAMLReader
    ) -> Located<T>? {
        if value == nil { reader.report(line, subject, "missing '\(key)'") }
        return value
    }
}
