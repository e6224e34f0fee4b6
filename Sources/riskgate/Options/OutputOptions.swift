import ArgumentParser

/// Report formats. Each maps to exactly one reporter.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text (default on a terminal) or json.")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to <file> instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors (the exit code still tells the decision).")
    var quiet = false

    /// Text on a terminal or when writing for a person; JSON is always asked for explicitly.
    var resolvedFormat: OutputFormat { format ?? .text }
}
