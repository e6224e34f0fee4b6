import ArgumentParser
import RiskgateAudit
import RiskgateCore
import RiskgateEngine
import RiskgateGit

extension RiskgateCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, verify and rotate the tamper-evident audit log of gate decisions.",
            discussion: """
                Every hook decision (allow, flag, block, waiver, incomplete, error) is one JSON line \
                chained to the one before by SHA-256. The log is $GIT_DIR/riskgate/audit.jsonl unless \
                --path (or the audit.path configuration key, relative to GIT_DIR) says otherwise.
                """,
            subcommands: [Show.self, Verify.self, Rotate.self, Append.self]
        )
    }
}

/// Where the log is: `--path`, else the configured path, else the repository's default.
struct AuditPathOptions: ParsableArguments {
    @OptionGroup var repository: RepositoryOptions

    @Option(help: ArgumentHelp("The audit log file (default: $GIT_DIR/riskgate/audit.jsonl).", valueName: "file"))
    var path: String?

    /// `configured` is the `audit.path` configuration value, relative to GIT_DIR.
    func resolvedPath(configured: String? = nil) throws -> String {
        if let path { return path }
        let repo = try Repository(discoveringFrom: repository.directory)
        // The same file the hooks write: `audit.path` of the hook configuration (the admin's
        // file on a bare server repository, `.riskgate.yml` in a work tree).
        var configured = configured
        if configured == nil {
            let reader: ConfigurationLookup.Reader = repo.isBare ? .server : .client
            if let file = ConfigurationLookup.path(option: nil, reader: reader, repository: repo) {
                configured = try LoadedConfiguration(path: file).configuration.auditPath
            }
        }
        return AuditLog.resolvePath(gitDirectory: repo.commonDirectory, configured: configured)
    }
}

/// Maps the audit module's errors to the command's (exit 2, message on stderr).
func auditing<T>(_ body: () throws(AuditError) -> T) throws(CommandError) -> T {
    do {
        return try body()
    } catch {
        throw .input(error.description)
    }
}

extension RiskgateCommand.Audit {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the audit log's entries, oldest first.",
            discussion: """
                Filters combine (all must hold): --ref takes a ref name or glob (main, refs/heads/release/*), \
                --actor a pusher identity, --decision one of allow, flag, block, waiver, incomplete, error; \
                each may be repeated. --since and --until take 2026-11-23, 2026-11-23T08:47:00Z or \
                @<epoch seconds> (UTC, inclusive; a bare --until date includes that whole day). \
                Give files to read rotated parts (oldest first) instead of the current log.
                """
        )

        @OptionGroup var location: AuditPathOptions

        @Option(name: .customLong("format"), help: "Output format: text or json.")
        var format: AuditFormat = .text

        @Option(help: ArgumentHelp("Only entries touching this ref (name or glob).", valueName: "ref"))
        var ref: [String] = []

        @Option(help: ArgumentHelp("Only entries by this pusher.", valueName: "identity"))
        var actor: [String] = []

        @Option(help: ArgumentHelp("Only entries with this decision.", valueName: "decision"))
        var decision: [AuditDecisionArgument] = []

        @Option(help: ArgumentHelp("Only entries at or after this time.", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Only entries at or before this time.", valueName: "time"))
        var until: String?

        @Argument(help: ArgumentHelp("Log files to read, oldest first.", valueName: "file"))
        var files: [String] = []

        func validate() throws {
            if let since, AuditTime(parsing: since) == nil { throw ValidationError("--since: cannot read `\(since)` as a time") }
            if let until, AuditTime(parsing: until) == nil { throw ValidationError("--until: cannot read `\(until)` as a time") }
        }

        func run() throws {
            try reportingErrors {
                let paths = files.isEmpty ? [try location.resolvedPath()] : files
                var upperBound = until.flatMap(AuditTime.init(parsing:))
                if let until, until.count == 10, let bound = upperBound {
                    upperBound = AuditTime(secondsSinceEpoch: bound.secondsSinceEpoch + 86_399)
                }
                let filter = AuditFilter(
                    refs: ref, actors: actor, decisions: Set(decision.map(\.value)),
                    since: since.flatMap(AuditTime.init(parsing:)), until: upperBound)
                let listing = try auditing { () throws(AuditError) in try AuditListing.read(paths: paths, filter: filter) }
                for warning in listing.warnings { Console.warning(warning) }
                let text = format == .json ? AuditRendering.json(listing.entries) : AuditRendering.text(listing.entries)
                Console.standardOutput.write(text)
                return .success
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chain.",
            discussion: """
                Exits 0 when every entry chains to the one before it; otherwise exits 1 and names the \
                first entry that was altered, inserted, removed or reordered, and a truncated tail. \
                Give rotated files oldest first to check the chain across them. --print-head prints \
                only `<seq> <hash>` of the last good entry, to record elsewhere (a ticket, a signed \
                tag, another system) and give it back later with --anchor, which fails when that entry \
                is gone or differs (a log cut short or rewritten whole).
                """
        )

        @OptionGroup var location: AuditPathOptions

        @Option(name: .customLong("format"), help: "Output format: text or json.")
        var format: AuditFormat = .text

        @Flag(help: "Print only the chain head (`<seq> <hash>`) when the log is intact.")
        var printHead = false

        @Option(
            help: ArgumentHelp(
                "A head recorded earlier (`<seq> <hash>`, as --print-head prints it) that must still be in the chain.",
                valueName: "head"))
        var anchor: [String] = []

        func validate() throws {
            for text in anchor where AuditHead(parsing: text) == nil {
                throw ValidationError("--anchor: expected `<seq> <hash>` (64 lower-case hex digits), got `\(text)`")
            }
        }

        @Argument(help: ArgumentHelp("Log files to verify, oldest first.", valueName: "file"))
        var files: [String] = []

        func run() throws {
            try reportingErrors {
                let paths = files.isEmpty ? [try location.resolvedPath()] : files
                var anchors = anchor.compactMap(AuditHead.init(parsing:))
                // The head the hooks keep in refs/riskgate/audit-head: a deleted last entry shows.
                if files.isEmpty, location.path == nil, let repo = try? Repository(discoveringFrom: location.repository.directory),
                    let text = try AuditAnchorRef.read(repository: repo)
                {
                    guard let head = AuditHead(parsing: text.trimmingWhitespace().description) else {
                        throw CommandError.repository("\(AuditAnchorRef.name) does not hold `<seq> <hash>`: it was altered")
                    }
                    anchors.append(head)
                }
                let result = try auditing { () throws(AuditError) in try AuditVerifier.verify(paths: paths, anchors: anchors) }
                let output: String
                if format == .json {
                    output = AuditVerificationJSON.render(result, paths: paths)
                } else if printHead && result.isIntact {
                    output = result.head.map { "\($0)\n" } ?? "0 \(AuditChain.genesis)\n"
                } else {
                    output = AuditVerificationJSON.text(result, paths: paths)
                }
                if result.isIntact {
                    Console.standardOutput.write(output)
                    return .success
                }
                // Problems go to stderr so a script that records the head never records a bad one.
                Console.standardError.write(output)
                return ExitCode(1)
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Archive the audit log and start a new file that continues its chain.",
            discussion: """
                The current file is kept as <name>-<UTC time>.jsonl beside it (or --archive), and the \
                new file starts with a rotation marker whose prev is the archived file's last hash. \
                Safe while pushes are running. Verify across files with \
                `riskgate audit verify <archive> <log>`.
                """
        )

        @OptionGroup var location: AuditPathOptions

        @Option(help: ArgumentHelp("Where to keep the old file.", valueName: "file"))
        var archive: String?

        func run() throws {
            try reportingErrors {
                let log = AuditLog(path: try location.resolvedPath())
                let rotation = try auditing { () throws(AuditError) in
                    try log.rotate(archivePath: archive, time: .now(), toolVersion: RiskgateVersion.current)
                }
                Console.standardOutput.write(
                    "archived \(rotation.archivePath) (up to entry #\(rotation.marker.seq - 1)); \(log.path) "
                        + "continues the chain from \(rotation.marker.prev)\n")
                return .success
            }
        }
    }

    /// Test and recovery aid: appends one entry given as JSON, exactly as a hook would.
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append one entry (JSON draft) to the audit log.",
            shouldDisplay: false
        )

        @OptionGroup var location: AuditPathOptions

        @Option(help: ArgumentHelp("The entry as a JSON object without seq, prev and hash; `-` reads stdin.", valueName: "json"))
        var json: String

        func run() throws {
            try reportingErrors {
                let text = json == "-" ? readStandardInput() : json
                let log = AuditLog(path: try location.resolvedPath())
                let entry = try auditing { () throws(AuditError) in
                    let value: CanonicalJSON
                    do throws(CanonicalJSONParser.Failure) {
                        value = try CanonicalJSONParser.parse(Array(text.utf8))
                    } catch {
                        throw AuditError.invalidDraft(error.description)
                    }
                    guard let members = value.objectValue else { throw AuditError.invalidDraft("not a JSON object") }
                    let draft: AuditEntryDraft
                    do throws(AuditRecordCoding.Failure) {
                        draft = try AuditRecordCoding.draft(
                            from: members, defaultTime: .now(), defaultToolVersion: RiskgateVersion.current)
                    } catch {
                        throw AuditError.invalidDraft(error.description)
                    }
                    return try log.append(draft)
                }
                Console.standardOutput.write(AuditRecordCoding.line(for: .entry(entry)))
                return .success
            }
        }

        private func readStandardInput() -> String {
            var lines: [String] = []
            while let line = readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
    }
}

/// `--decision` values.
/// What the audit commands print: text or JSON (another report format is a usage error, not text).
enum AuditFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

struct AuditDecisionArgument: ExpressibleByArgument {
    var value: AuditDecision

    init?(argument: String) {
        guard let value = AuditDecision(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { AuditDecision.allCases.map(\.rawValue) }
}

/// Text and JSON forms of a verification result.
enum AuditVerificationJSON {
    static func text(_ result: AuditVerification, paths: [String]) -> String {
        var output = ""
        for note in result.notes { output += "note: \(note)\n" }
        for problem in result.problems { output += "\(problem)\n" }
        let files = paths.count == 1 ? "1 file" : "\(paths.count) files"
        if result.isIntact {
            let head = result.head.map { ", head #\($0.seq) \($0.hash)" } ?? ""
            output += "audit log intact: \(result.records) records in \(files)\(head)\n"
        } else {
            output += "audit log NOT intact (\(files) checked)\n"
        }
        return output
    }

    static func render(_ result: AuditVerification, paths: [String]) -> String {
        var members: [String: CanonicalJSON] = [
            "intact": .bool(result.isIntact),
            "records": .integer(result.records),
            "files": .array(paths.map { .string($0) }),
            "notes": .array(result.notes.map { .string($0) }),
            "problems": .array(
                result.problems.map {
                    .object([
                        "kind": .string($0.kind.rawValue), "path": .string($0.path), "line": .integer($0.line),
                        "message": .string($0.message),
                    ])
                }),
        ]
        if let head = result.head { members["head"] = .object(["seq": .integer(head.seq), "hash": .string(head.hash)]) }
        return CanonicalJSON.object(members).canonicalText + "\n"
    }
}
