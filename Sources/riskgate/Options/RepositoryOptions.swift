import ArgumentParser

/// `-C <path>`, as git takes it: run as if started in that directory.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if riskgate was started in <path>.", valueName: "path"))
    var directory: String?
}
