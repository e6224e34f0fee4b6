import ArgumentParser

/// `--config <file>`: the configuration to use instead of `.riskgate.yml` at the work tree root.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Use <file> instead of .riskgate.yml at the work tree's root.", valueName: "file"))
    var path: String?
}
