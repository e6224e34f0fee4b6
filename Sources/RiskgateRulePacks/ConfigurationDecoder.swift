import RiskgateCore
import Yams

/// Decodes `.riskgate.yml` (SPEC §5) into `RiskgateConfiguration`: every key optional, unknown
/// keys and bad values reported with their line. The raw stage and validation are interleaved
/// per key here because each key's shape and meaning are checked together in a few lines.
public enum ConfigurationDecoder {
    public static let supportedVersion = 1

    static let topKeys = [
        "version", "extends", "rules", "levels", "policy", "traceability", "waivers", "identity_env", "deadline",
        "on_timeout", "on_error", "audit", "history", "verdicts",
    ]

    /// Rule ids named in `rules.disable` / `rules.points`, with lines, for checking against the
    /// loaded packs (`RuleSetLoader`).
    public struct RuleReferences: Sendable {
        public var ids: [(id: String, line: Int)]
    }

    public static func decode(_ text: String, file: String) throws(RulePackErrors) -> (
        RiskgateConfiguration, RuleReferences
    ) {
        var reader = YAMLReader(file: file)
        var configuration = RiskgateConfiguration(source: file)
        var references = RuleReferences(ids: [])
        guard let root = reader.parse(text) else {
            if !reader.issues.isEmpty { throw RulePackErrors(reader.issues) }
            return (configuration, references)  // an empty file is all defaults
        }
        guard let entries = reader.mapping(root, subject: "config", allowed: topKeys, what: "the configuration")
        else { throw RulePackErrors(reader.issues) }

        if let node = entries["version"]?.value, let version = reader.int(node, subject: "version", key: "version"),
            version.value != supportedVersion
        {
            reader.report(
                version.line, "version", "unsupported version \(version.value) (this riskgate reads version \(supportedVersion))")
        }
        if let node = entries["extends"]?.value, let list = reader.strings(node, subject: "extends", key: "extends") {
            configuration.extends = list.map(\.value)
        }
        if let node = entries["rules"]?.value {
            decodeRules(node, into: &configuration, references: &references, reader: &reader)
        }
        if let node = entries["levels"]?.value { configuration.levels = decodeLevels(node, reader: &reader) }
        if let node = entries["policy"]?.value, let items = reader.sequence(node, subject: "policy", key: "policy") {
            configuration.policies = items.enumerated().compactMap { index, item in
                decodePolicy(item, index: index, reader: &reader)
            }
        }
        if let node = entries["traceability"]?.value,
            let map = reader.mapping(
                node, subject: "traceability", allowed: ["notes_refs", "prompt_records"], what: "'traceability'")
        {
            if let value = map["notes_refs"]?.value {
                configuration.traceability.notesRefs =
                    reader.strings(value, subject: "traceability.notes_refs", key: "notes_refs")?.map(\.value) ?? []
            }
            if let value = map["prompt_records"]?.value {
                configuration.traceability.promptRecords =
                    reader.string(value, subject: "traceability.prompt_records", key: "prompt_records")?.value
            }
        }
        if let node = entries["waivers"]?.value,
            let map = reader.mapping(node, subject: "waivers", allowed: ["allowed", "unwaivable"], what: "'waivers'")
        {
            if let value = map["allowed"]?.value {
                configuration.waivers.allowed =
                    reader.strings(value, subject: "waivers.allowed", key: "allowed")?.map(\.value) ?? []
            }
            if let value = map["unwaivable"]?.value {
                configuration.waivers.unwaivable =
                    reader.strings(value, subject: "waivers.unwaivable", key: "unwaivable")?.map(\.value) ?? []
            }
        }
        if let node = entries["verdicts"]?.value,
            let map = reader.mapping(node, subject: "verdicts", allowed: ["signing_key", "ref"], what: "'verdicts'")
        {
            if let value = map["signing_key"]?.value {
                configuration.verdicts.signingKey = reader.string(value, subject: "verdicts.signing_key", key: "signing_key")?.value
            }
            if let value = map["ref"]?.value, let ref = reader.string(value, subject: "verdicts.ref", key: "ref") {
                if ref.value.hasPrefix("refs/") {
                    configuration.verdicts.ref = ref.value
                } else {
                    reader.report(ref.line, "verdicts.ref", "'ref' must be a full ref name under refs/ (e.g. \(VerdictSettings.defaultRef))")
                }
            }
        }
        if let node = entries["identity_env"]?.value {
            configuration.identityEnvironment = reader.string(node, subject: "identity_env", key: "identity_env")?.value
        }
        if let node = entries["deadline"]?.value, let text = reader.string(node, subject: "deadline", key: "deadline") {
            if let milliseconds = parseDuration(text.value) {
                configuration.deadlineMilliseconds = milliseconds
            } else {
                reader.report(text.line, "deadline", "bad duration '\(text.value)' (use e.g. 4s, 1500ms)")
            }
        }
        for key in ["on_timeout", "on_error"] {
            guard let node = entries[key]?.value, let text = reader.string(node, subject: key, key: key) else { continue }
            guard let decision = Decision(rawValue: text.value) else {
                reader.report(text.line, key, "must be allow, flag or block, not '\(text.value)'")
                continue
            }
            if key == "on_timeout" { configuration.onTimeout = decision } else { configuration.onError = decision }
        }
        if let node = entries["audit"]?.value,
            let map = reader.mapping(node, subject: "audit", allowed: ["path"], what: "'audit'"),
            let value = map["path"]?.value
        {
            configuration.auditPath = reader.string(value, subject: "audit.path", key: "path")?.value
        }
        if let node = entries["history"]?.value {
            configuration.history = decodeHistory(node, reader: &reader)
        }
        guard reader.issues.isEmpty else { throw RulePackErrors(reader.issues.sorted { $0.line < $1.line }) }
        return (configuration, references)
    }

    static let historyKeys = [
        "enabled", "fix_window", "fix_words", "recent_changes", "min_reverted", "min_fixed", "churn_window",
        "churn_changes", "churn_authors",
    ]

    /// `history:`: every key optional; counts are whole numbers in a sane range, windows are
    /// durations (`3d`, `36h`), fix words are single words.
    private static func decodeHistory(_ node: Node, reader: inout YAMLReader) -> HistoryConfiguration {
        var history = HistoryConfiguration.standard
        guard let map = reader.mapping(node, subject: "history", allowed: historyKeys, what: "'history'") else { return history }
        if let value = map["enabled"]?.value {
            if case .scalar(let scalar) = value, let flag = Bool.construct(from: scalar) {
                history.enabled = flag
            } else {
                reader.report(YAMLReader.line(value), "history", "'enabled' must be true or false")
            }
        }
        func count(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value = map[key]?.value, let number = reader.int(value, subject: "history", key: key) else { return nil }
            guard range.contains(number.value) else {
                reader.report(number.line, "history", "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(number.value)")
                return nil
            }
            return number.value
        }
        func window(_ key: String) -> Int64? {
            guard let value = map[key]?.value, let text = reader.string(value, subject: "history", key: key) else { return nil }
            guard let seconds = parseWindow(text.value) else {
                reader.report(text.line, "history", "'\(key)' must be a duration of at least 1 minute and at most 365 days, e.g. 3d, 36h, 90m (not '\(text.value)')")
                return nil
            }
            return seconds
        }
        var settings = history.settings
        if let seconds = window("fix_window") { settings.link.fixWindowSeconds = seconds }
        if let value = map["fix_words"]?.value, let words = reader.strings(value, subject: "history", key: "fix_words") {
            var valid: Set<String> = []
            for word in words {
                guard HistoryLinkSettings.isValidFixWord(word.value) else {
                    reader.report(word.line, "history", "fix word '\(word.value)' must be one word of letters, digits and '-'")
                    continue
                }
                valid.insert(word.value.lowercased())
            }
            settings.link.fixSubjectWords = valid
        }
        if let value = count("recent_changes", 1...1_000) { settings.recentChanges = value }
        if let value = count("min_reverted", 1...1_000) { settings.minimumReverted = value }
        if let value = count("min_fixed", 1...1_000) { settings.minimumFixed = value }
        if let seconds = window("churn_window") { settings.churnWindowSeconds = seconds }
        if let value = count("churn_changes", 1...100_000) { settings.churnChanges = value }
        if let value = count("churn_authors", 1...10_000) { settings.churnAuthors = value }
        history.settings = settings
        return history
    }

    /// `3d`, `36h`, `90m`, `2w`, `3600s` (or a plain number of seconds) to seconds; nil unless
    /// between one minute and a year.
    static func parseWindow(_ text: String) -> Int64? {
        let units: [(suffix: String, seconds: Double)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var number = Substring(text)
        var scale = 1.0
        if let unit = units.first(where: { number.hasSuffix($0.suffix) }) {
            number = number.dropLast(unit.suffix.count)
            scale = unit.seconds
        }
        guard let value = Double(number), value.isFinite else { return nil }
        let seconds = value * scale
        guard seconds >= 60, seconds <= 365 * 86_400 else { return nil }
        return Int64(seconds.rounded())
    }

    private static func decodeRules(
        _ node: Node, into configuration: inout RiskgateConfiguration, references: inout RuleReferences,
        reader: inout YAMLReader
    ) {
        guard let map = reader.mapping(node, subject: "rules", allowed: ["disable", "points"], what: "'rules'") else {
            return
        }
        if let value = map["disable"]?.value, let ids = reader.strings(value, subject: "rules.disable", key: "disable") {
            configuration.disabledRules = ids.map(\.value)
            references.ids += ids.map { ($0.value, $0.line) }
        }
        if let value = map["points"]?.value {
            guard case .mapping(let points) = value else {
                reader.report(YAMLReader.line(value), "rules.points", "must map rule ids to points, e.g. {terraform-production: 40}")
                return
            }
            for (key, pointsNode) in points {
                let line = YAMLReader.line(key)
                guard let id = key.scalar?.string else { continue }
                guard let number = reader.int(pointsNode, subject: "rules.points", key: id) else { continue }
                guard (0...100).contains(number.value) else {
                    reader.report(number.line, "rules.points", "points for '\(id)' must be between 0 and 100")
                    continue
                }
                configuration.pointOverrides[id] = number.value
                references.ids.append((id, line))
            }
        }
    }

    private static func decodeLevels(_ node: Node, reader: inout YAMLReader) -> LevelThresholds {
        var levels = LevelThresholds.standard
        guard let map = reader.mapping(node, subject: "levels", allowed: ["medium", "high", "critical"], what: "'levels'")
        else { return levels }
        if let value = map["medium"]?.value, let number = reader.int(value, subject: "levels", key: "medium") {
            levels.medium = number.value
        }
        if let value = map["high"]?.value, let number = reader.int(value, subject: "levels", key: "high") {
            levels.high = number.value
        }
        if let value = map["critical"]?.value, let number = reader.int(value, subject: "levels", key: "critical") {
            levels.critical = number.value
        }
        if !(0 < levels.medium && levels.medium < levels.high && levels.high < levels.critical && levels.critical <= 100) {
            reader.report(
                YAMLReader.line(node), "levels",
                "thresholds must rise: 0 < medium < high < critical <= 100 (got \(levels.medium), \(levels.high), \(levels.critical))")
        }
        return levels
    }

    static let policyKeys = [
        "refs", "flag", "block", "require_traceability", "require_traceability_for", "require_traceability_level",
        "force_push", "deletion", "max_ai_lines", "freeze", "mode", "require_approvals",
    ]

    private static func decodePolicy(_ node: Node, index: Int, reader: inout YAMLReader) -> RefPolicy? {
        let subject = "policy[\(index)]"
        let before = reader.issues.count
        guard let map = reader.mapping(node, subject: subject, allowed: policyKeys, what: "a policy entry") else {
            return nil
        }
        guard let refsNode = map["refs"]?.value else {
            reader.report(YAMLReader.line(node), subject, "missing 'refs' (e.g. refs: [\"refs/heads/main\"])")
            return nil
        }
        let refs = reader.strings(refsNode, subject: subject, key: "refs") ?? []
        func level(_ key: String) -> RiskLevel?? {
            guard let value = map[key]?.value else { return .none }
            guard let text = reader.string(value, subject: subject, key: key) else { return .none }
            if text.value == "never" { return .some(nil) }
            guard let level = RiskLevel(rawValue: text.value) else {
                reader.report(text.line, subject, "'\(key)' must be low, medium, high, critical or never, not '\(text.value)'")
                return .none
            }
            return .some(level)
        }
        // Absent keys keep the defaults: flag from high, never block.
        let flag = level("flag") ?? DecisionPolicy.standard.flagAt
        let block = level("block") ?? DecisionPolicy.standard.blockAt
        var requirement = TraceabilityRequirement.off
        var verifiedShorthand = false
        if let value = map["require_traceability"]?.value,
            let text = reader.string(value, subject: subject, key: "require_traceability")
        {
            if let parsed = TraceabilityRequirement(rawValue: text.value) {
                requirement = parsed
            } else if text.value == "verified" {
                // Shorthand: block AI commits whose link resolves to no record.
                requirement = .block
                verifiedShorthand = true
            } else {
                reader.report(
                    text.line, subject, "'require_traceability' must be off, flag, block or verified, not '\(text.value)'")
            }
        }
        var traceabilityLevel = verifiedShorthand ? TraceabilityLevel.verified : .linked
        if let value = map["require_traceability_level"]?.value,
            let text = reader.string(value, subject: subject, key: "require_traceability_level")
        {
            if let parsed = TraceabilityLevel(rawValue: text.value) {
                traceabilityLevel = parsed
            } else {
                reader.report(
                    text.line, subject, "'require_traceability_level' must be linked or verified, not '\(text.value)'")
            }
        }
        var categories: Set<String> = []
        if let value = map["require_traceability_for"]?.value {
            categories = Set(reader.strings(value, subject: subject, key: "require_traceability_for")?.map(\.value) ?? [])
        }
        let update = decodeUpdatePolicy(map, subject: subject, reader: &reader)
        let approvals = map["require_approvals"].flatMap { decodeApprovals($0.value, subject: subject, reader: &reader) }
        do {
            var policy = try RefPolicy(
                refs: refs.map(\.value),
                decisionPolicy: DecisionPolicy(
                    flagAt: flag, blockAt: block, requireTraceability: requirement, requireTraceabilityFor: categories,
                    traceabilityLevel: traceabilityLevel),
                updatePolicy: update)
            policy.approvals = approvals
            return reader.issues.count == before ? policy : nil
        } catch {
            let line = refs.first { $0.value == error.pattern }?.line ?? YAMLReader.line(refsNode)
            reader.report(line, subject, "\(error)")
            return nil
        }
    }

    /// `force_push`, `deletion`, `max_ai_lines`, `freeze` and `mode` of one policy entry; every
    /// problem reported as `file:line: policy[i].<key>: message`.
    private static func decodeUpdatePolicy(
        _ map: [String: (key: Located<String>, value: Node)], subject: String, reader: inout YAMLReader
    ) -> RefUpdatePolicy {
        var policy = RefUpdatePolicy()
        func decision(_ key: String) -> Decision? {
            guard let value = map[key]?.value, let text = reader.string(value, subject: "\(subject).\(key)", key: key) else {
                return nil
            }
            guard let parsed = Decision(rawValue: text.value) else {
                reader.report(text.line, "\(subject).\(key)", "'\(key)' must be allow, flag or block, not '\(text.value)'")
                return nil
            }
            return parsed
        }
        if let value = decision("force_push") { policy.forcePush = value }
        if let value = decision("deletion") { policy.deletion = value }
        if let node = map["max_ai_lines"]?.value,
            let value = reader.int(node, subject: "\(subject).max_ai_lines", key: "max_ai_lines")
        {
            if value.value < 0 {
                reader.report(value.line, "\(subject).max_ai_lines", "'max_ai_lines' must be zero or more, not \(value.value)")
            } else {
                policy.maxAILines = value.value
            }
        }
        if let node = map["mode"]?.value, let text = reader.string(node, subject: "\(subject).mode", key: "mode") {
            if let mode = RefUpdatePolicy.Mode(rawValue: text.value) {
                policy.mode = mode
            } else {
                reader.report(text.line, "\(subject).mode", "'mode' must be enforce or evaluate, not '\(text.value)'")
            }
        }
        if let node = map["freeze"]?.value {
            let key = "\(subject).freeze"
            let items: [Node]
            if case .mapping = node { items = [node] } else { items = reader.sequence(node, subject: key, key: "freeze") ?? [] }
            for (index, item) in items.enumerated() {
                let itemKey = "\(key)[\(index)]"
                guard let window = reader.mapping(item, subject: itemKey, allowed: ["from", "until", "reason"], what: "a freeze window")
                else { continue }
                func time(_ name: String) -> Int64? {
                    guard let value = window[name]?.value else {
                        reader.report(YAMLReader.line(item), itemKey, "missing '\(name)' (an RFC 3339 time, e.g. 2026-12-20T00:00:00Z)")
                        return nil
                    }
                    guard let text = reader.string(value, subject: "\(itemKey).\(name)", key: name) else { return nil }
                    guard let seconds = FreezeWindow.parseTime(text.value) else {
                        reader.report(
                            text.line, "\(itemKey).\(name)",
                            "'\(name)' must be an RFC 3339 time with a zone, e.g. 2026-12-20T00:00:00Z, not '\(text.value)'")
                        return nil
                    }
                    return seconds
                }
                let from = time("from")
                let until = time("until")
                let reason = window["reason"].flatMap { reader.string($0.value, subject: "\(itemKey).reason", key: "reason")?.value }
                guard let from, let until else { continue }
                if until <= from {
                    reader.report(
                        window["until"].map { YAMLReader.line($0.value) } ?? YAMLReader.line(item), "\(itemKey).until",
                        "'until' must be after 'from'")
                    continue
                }
                policy.freezes.append(FreezeWindow(from: from, until: until, reason: reason ?? "change freeze"))
            }
        }
        return policy
    }

    /// `require_approvals: {count, from, ai_only, allowed_signers}`.
    private static func decodeApprovals(_ node: Node, subject: String, reader: inout YAMLReader) -> ApprovalRequirement? {
        let key = "\(subject).require_approvals"
        guard let map = reader.mapping(node, subject: key, allowed: ["count", "from", "ai_only", "allowed_signers"], what: "'require_approvals'")
        else { return nil }
        var requirement = ApprovalRequirement()
        if let value = map["count"]?.value, let count = reader.int(value, subject: "\(key).count", key: "count") {
            if count.value < 1 {
                reader.report(count.line, "\(key).count", "'count' must be 1 or more, not \(count.value)")
            } else {
                requirement.count = count.value
            }
        }
        if let value = map["from"]?.value, let text = reader.string(value, subject: "\(key).from", key: "from") {
            if let level = RiskLevel(rawValue: text.value) {
                requirement.from = level
            } else {
                reader.report(text.line, "\(key).from", "'from' must be low, medium, high or critical, not '\(text.value)'")
            }
        }
        if let value = map["ai_only"]?.value, let text = reader.string(value, subject: "\(key).ai_only", key: "ai_only") {
            switch text.value {
            case "true", "yes": requirement.aiOnly = true
            case "false", "no": requirement.aiOnly = false
            default: reader.report(text.line, "\(key).ai_only", "'ai_only' must be true or false, not '\(text.value)'")
            }
        }
        if let value = map["allowed_signers"]?.value {
            requirement.allowedSigners = reader.string(value, subject: "\(key).allowed_signers", key: "allowed_signers")?.value
        }
        return requirement
    }

    /// `4s`, `1500ms`, `0.5s`, `2` (seconds) to milliseconds.
    static func parseDuration(_ text: String) -> Int? {
        if text.hasSuffix("ms"), let value = Int(text.dropLast(2)), value >= 0 { return value }
        let number = text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let seconds = Double(number), seconds >= 0, seconds < 86_400 else { return nil }
        return Int((seconds * 1000).rounded())
    }
}
