#if canImport(Glibc)
    import Glibc
#endif

/// Options that come before the subcommand, as in git: `riskgate -C <path> report ...`.
///
/// swift-argument-parser only reads a subcommand's options after the subcommand's name, so
/// these are taken off the arguments before it parses them. `-C <path>` is repeatable and
/// follows git's rule: each one is relative to the one before (`-C a -C b` is `a/b`), an
/// absolute path starts again, and an empty path changes nothing. The process changes
/// directory, so every path given afterwards (`--config`, `-o`, a subcommand's own `-C`) is
/// relative to the new directory, as it is in git.
enum LeadingOptions {
    struct Parsed: Equatable {
        /// The `-C` paths in the order given.
        var directories: [String]
        /// Everything from the first argument that is not a leading option.
        var remaining: [String]
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        /// `-C` was the last argument.
        case missingPath
        /// The directory cannot be entered (errno text), with where it was tried from.
        case cannotChange(path: String, from: String, reason: String)

        var description: String {
            switch self {
            case .missingPath:
                "-C needs a <path>, as in `riskgate -C /srv/git/app.git report`"
            case .cannotChange(let path, let from, let reason):
                "cannot change to '\(path)' (from \(from)): \(reason)"
            }
        }

        /// 64 for a usage error (ArgumentParser's code), 2 for a directory that is not there.
        var exitCode: Int32 {
            switch self {
            case .missingPath: 64
            case .cannotChange: 2
            }
        }
    }

    /// Splits the leading `-C <path>` pairs off `arguments` (without the program name).
    static func parse(_ arguments: [String]) -> Result<Parsed, Failure> {
        var directories: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] == "-C" {
            let value = index + 1
            guard value < arguments.endIndex else { return .failure(.missingPath) }
            directories.append(arguments[value])
            index = value + 1
        }
        return .success(Parsed(directories: directories, remaining: Array(arguments[index...])))
    }

    /// Enters each directory in turn, so a relative one is relative to the one before.
    static func enter(_ directories: [String]) -> Failure? {
        for directory in directories where !directory.isEmpty {
            guard chdir(directory) == 0 else {
                let reason = String(cString: strerror(errno))
                return .cannotChange(path: directory, from: currentDirectory() ?? ".", reason: reason)
            }
        }
        return nil
    }

    /// The command line without the program name, or nil when it cannot be read. The statically
    /// linked Swift runtime takes it from `/proc/self/cmdline`: in a chroot or container without
    /// `/proc` every argument is lost, and `riskgate hook pre-receive` would run as a bare
    /// `riskgate` (print help, exit 0, let the push through). Failing is the only safe answer.
    static func commandLine(_ arguments: [String] = CommandLine.arguments) -> [String]? {
        if arguments.count <= 1 && access("/proc/self/cmdline", R_OK) != 0 { return nil }
        return Array(arguments.dropFirst())
    }

    /// The arguments for swift-argument-parser after the leading options are applied, or the
    /// message and exit code of the failure.
    static func apply(_ arguments: [String]) -> Result<[String], Failure> {
        switch parse(arguments) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let parsed):
            if let failure = enter(parsed.directories) { return .failure(failure) }
            return .success(parsed.remaining)
        }
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
