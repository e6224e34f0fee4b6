import RiskgateEngine
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

/// The server hooks of one bare repository: installing them and checking that they are there and
/// current. Used by `install --server <repo>` and, per repository, by `install --server --all
/// <root>` (every bare repository below a hosting folder).
struct ServerHookSetup {
    /// git's update hook (rejects only the blocked refs) instead of pre-receive.
    var updateHook: Bool
    /// The post-receive hook and the history index it keeps fresh.
    var history: Bool
    /// The riskgate the hooks fall back to when neither `$RISKGATE` nor `PATH` has one.
    var executable: String?

    var hookNames: [String] { [updateHook ? "update" : "pre-receive"] + (history ? ["post-receive"] : []) }

    /// One hook of a repository, as `--check` sees it.
    enum HookState: String, Equatable {
        /// Exactly what `install` writes now.
        case current = "up to date"
        /// No hook of that name.
        case missing
        /// A hook that is not riskgate's (install would keep it and chain it).
        case foreign = "not riskgate's"
        /// riskgate's hook from another riskgate or an older version, or not executable.
        case outdated = "out of date"
    }

    /// The folder hook `name` goes to: `hooks/<name>.d/` when the repository has one (Gitea and
    /// Forgejo run every executable in it, and regenerate their own `hooks/<name>`), else `hooks/`.
    static func directory(for name: String, hooks: String) -> String {
        let folder = hooks + "/" + name + ".d"
        var info = stat()
        if stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return folder }
        return hooks
    }

    /// `pre-receive`, or `pre-receive.d/pre-receive` when it goes to the `.d` folder.
    static func displayName(_ name: String, hooks: String) -> String {
        directory(for: name, hooks: hooks) == hooks ? name : "\(name).d/\(name)"
    }

    func state(of name: String, in directory: String) -> HookState {
        let path = directory + "/" + name
        guard let text = Self.readText(path) else { return .missing }
        guard text.contains(HookInstaller.marker) else { return .foreign }
        guard text == HookInstaller.script(for: name, executable: executable), access(path, X_OK) == 0 else {
            return .outdated
        }
        return .current
    }

    /// The repository's hooks that are not current, with their state.
    func check(_ repository: Repository) -> [(name: String, state: HookState)] {
        let hooks = HookInstaller.hooksDirectory(of: repository)
        return hookNames.map { name in
            (Self.displayName(name, hooks: hooks), state(of: name, in: Self.directory(for: name, hooks: hooks)))
        }.filter { $0.state != .current }
    }

    /// What installing into one repository did.
    struct Outcome {
        var installed: [String] = []
        var chained: [String] = []
        var unchanged: [String] = []
        /// What happened to the history index, one phrase; nil without history.
        var history: String?

        var changed: Bool { !installed.isEmpty }

        /// `installed pre-receive, post-receive; history index built (12 commits)`.
        var summary: String {
            var parts: [String] = []
            if !installed.isEmpty {
                let chainedNote = chained.isEmpty ? "" : " (kept the previous \(chained.joined(separator: ", ")) as *\(HookInstaller.chainedSuffix); it runs first)"
                parts.append("installed \(installed.joined(separator: ", "))\(chainedNote)")
            }
            if !unchanged.isEmpty { parts.append("\(unchanged.joined(separator: ", ")) already installed") }
            if let history { parts.append(history) }
            return parts.joined(separator: "; ")
        }
    }

    /// Installs the hooks (idempotent: a current hook is left as it is) and, with history, builds
    /// the index when there is none.
    func install(into repository: Repository) throws(CommandError) -> Outcome {
        let hooks = HookInstaller.hooksDirectory(of: repository)
        var outcome = Outcome()
        for name in hookNames {
            let installer = HookInstaller(directory: Self.directory(for: name, hooks: hooks), executable: executable)
            let shown = Self.displayName(name, hooks: hooks)
            switch try installer.install(name) {
            case .installed(let chained):
                outcome.installed.append(shown)
                if chained { outcome.chained.append(shown) }
            default:
                outcome.unchanged.append(shown)
            }
        }
        if history { outcome.history = try buildHistory(repository) }
        return outcome
    }

    /// The first history index of a repository (later pushes append to it in post-receive).
    private func buildHistory(_ repository: Repository) throws(CommandError) -> String {
        let store = HistoryIndexStore(repository: repository)
        if case .loaded = store.open() { return "history index present" }
        if repository.isEmpty { return "empty: post-receive builds the history index after the first push" }
        let configuration = try ConfigurationLookup.load(option: nil, reader: .server, repository: repository).configuration.history
        do throws(HistoryIndexError) {
            let built = try store.update(link: configuration.settings.link)
            return "history index built (\(built.total) commits)"
        } catch {
            throw .repository("cannot build the history index: \(error.description) (install with --no-history to skip it)")
        }
    }

    static func readText(_ path: String) -> String? {
        TextFile.bytesIfReadable(path).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Finds the bare repositories below a hosting folder: gitolite and plain SSH hosting
/// (`<root>/<name>.git`, nested folders), Gitea and Forgejo (`<root>/<owner>/<name>.git`, wikis as
/// `<name>.wiki.git`), GitLab's hashed storage (`@hashed/ab/cd/<hash>.git`).
///
/// A folder is a git directory when it has `HEAD`, `objects/` and `refs/`, as git decides; the
/// search does not look inside one, and does not follow symbolic links (no cycles, no repository
/// counted twice). Work trees (a folder with `.git`) are not bare and are skipped.
enum BareRepositoryScanner {
    struct Result {
        /// Absolute paths, sorted.
        var repositories: [String] = []
        /// Folders that could not be read, with the reason.
        var unreadable: [(path: String, reason: String)] = []
    }

    static func scan(_ root: String) -> Result {
        var result = Result()
        visit(trimmed(root), into: &result)
        result.repositories.sort()
        return result
    }

    private static func visit(_ directory: String, into result: inout Result) {
        if isGitDirectory(directory) {
            // A work tree's `.git` is not a server repository.
            if !directory.hasSuffix("/.git") { result.repositories.append(directory) }
            return
        }
        guard let stream = opendir(directory) else {
            result.unreadable.append((directory, String(cString: strerror(errno))))
            return
        }
        var children: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = directory == "/" ? "/" + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            children.append(path)
        }
        closedir(stream)
        for child in children.sorted() { visit(child, into: &result) }
    }

    static func isGitDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path + "/HEAD", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        for folder in ["objects", "refs"] {
            guard stat(path + "/" + folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        }
        return true
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// `install --server --all <root>` and `install --server [--all] <path> --check`.
enum ServerInstallRun {
    /// Installs into every bare repository below `root`: one line per repository, then a summary.
    /// Exit 0, or 2 when a repository failed (the others are still installed) or none was found.
    static func installAll(root: String, setup: ServerHookSetup) -> Int32 {
        guard let repositories = scan(root) else { return 2 }
        var installed = 0
        var unchanged = 0
        var failed = 0
        for path in repositories {
            do {
                let repository = try Repository(discoveringFrom: path)
                let outcome = try setup.install(into: repository)
                if outcome.changed { installed += 1 } else { unchanged += 1 }
                Console.standardOutput.write("\(path): \(outcome.summary)\n")
            } catch {
                failed += 1
                Console.standardOutput.write("\(path): failed: \(error)\n")
            }
        }
        Console.standardOutput.write(
            "\(count(repositories.count, "bare repository", "bare repositories")) below \(root): \(installed) installed, \(unchanged) already up to date, \(failed) failed\n")
        Console.standardOutput.write(
            "Configuration: /etc/riskgate/config.yml (or RISKGATE_CONFIG) applies to every repository without its own `git config riskgate.config`; a repository's file can start from it with `extends: [server]`.\n")
        return failed == 0 ? 0 : 2
    }

    /// Lists the repositories whose hooks are missing or out of date; exit 1 if any, 0 if none,
    /// 2 when nothing could be checked.
    static func check(path: String, all: Bool, setup: ServerHookSetup) -> Int32 {
        let repositories: [String]
        if all {
            guard let found = scan(path) else { return 2 }
            repositories = found
        } else {
            repositories = [path]
        }
        var needing = 0
        for path in repositories {
            let problems: [(name: String, state: ServerHookSetup.HookState)]
            do {
                problems = setup.check(try Repository(discoveringFrom: path))
            } catch {
                needing += 1
                Console.standardOutput.write("\(path): cannot open: \(error)\n")
                continue
            }
            guard !problems.isEmpty else { continue }
            needing += 1
            let list = problems.map { "\($0.name) \($0.state.rawValue)" }.joined(separator: ", ")
            Console.standardOutput.write("\(path): \(list)\n")
        }
        let command = "riskgate install --server\(all ? " --all" : "") \(HookInstaller.quoted(path))"
        if needing == 0 {
            Console.standardOutput.write(
                "\(count(repositories.count, "repository has", "repositories have")) riskgate's hooks (\(setup.hookNames.joined(separator: ", "))) up to date\n")
            return 0
        }
        Console.standardOutput.write(
            "\(needing) of \(count(repositories.count, "repository", "repositories")) \(needing == 1 ? "needs" : "need") `\(command)`\n")
        return 1
    }

    /// The bare repositories below `root`, or nil (after saying why) when there are none.
    private static func scan(_ root: String) -> [String]? {
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            Console.error("\(root) is not a folder (install --server --all <root> looks for bare repositories below it)")
            return nil
        }
        let result = BareRepositoryScanner.scan(root)
        for problem in result.unreadable { Console.warning("cannot read \(problem.path): \(problem.reason); skipped") }
        guard !result.repositories.isEmpty else {
            Console.error("no bare repository below \(root) (a folder with HEAD, objects/ and refs/)")
            return nil
        }
        return result.repositories
    }

    private static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }
}
