/// File formats that are text by definition, known from the name alone.
///
/// git calls a file binary when its first 8,000 bytes hold a NUL; whoever pushes can put one
/// there (`\0` before `DROP TABLE` in a `.sql` file) to hide every line from the content rules.
/// A `.sql`, `.tf`, `.yaml` or shell file is text whatever bytes it holds, so content rules
/// scan it anyway (NUL included); numstat counts still follow git's rule.
public enum TextFormats {
    /// Lower-cased extensions (without the dot) of text formats rules care about.
    public static let extensions: Set<String> = [
        // databases and migrations
        "sql", "psql", "cql", "hql", "ddl", "dml",
        // infrastructure as code and configuration
        "tf", "tfvars", "hcl", "nomad", "yaml", "yml", "json", "jsonc", "json5", "toml", "ini", "cfg", "conf",
        "properties", "env", "xml", "tpl", "j2", "jinja", "jinja2", "template", "bicep", "cue", "jsonnet",
        "libsonnet", "rego", "nix", "gradle", "cmake", "mk", "lock",
        // scripts
        "sh", "bash", "zsh", "ksh", "fish", "ps1", "psm1", "bat", "cmd", "py", "rb", "pl", "pm", "php", "lua",
        "groovy", "js", "mjs", "cjs", "ts", "go", "java", "kt", "kts", "scala", "swift", "rs", "c", "h", "cc", "cpp",
        "hpp", "cs", "ex", "exs", "erl", "r", "awk", "sed",
        // text
        "txt", "md", "rst", "csv", "tsv",
    ]

    /// Lower-cased basenames that are text without an extension.
    public static let basenames: Set<String> = [
        "dockerfile", "containerfile", "makefile", "gnumakefile", "jenkinsfile", "vagrantfile", "procfile",
        "gemfile", "rakefile", "podfile", "brewfile", "justfile", "taskfile", "codeowners", "owners", "go.mod",
        "go.sum", ".env", ".npmrc", ".yarnrc", ".pypirc", ".gitattributes", ".gitignore", ".gitmodules",
        ".bashrc", ".profile", ".zshrc", "crontab", "authorized_keys", "known_hosts", "sudoers",
    ]

    /// True when the path's name says the file is text (`x.SQL`, `Dockerfile.prod`, `run.sh`).
    public static func isText(path: String) -> Bool {
        let name = Substring(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
        let lower = name.lowercased()
        if basenames.contains(lower) { return true }
        // `Dockerfile.prod`, `Makefile.am`, `.env.production`
        if let first = lower.split(separator: ".", omittingEmptySubsequences: true).first,
            basenames.contains(String(first)) || basenames.contains("." + first)
        {
            return true
        }
        guard let dot = lower.lastIndex(of: "."), dot != lower.startIndex || lower.count > 1 else { return false }
        return extensions.contains(String(lower[lower.index(after: dot)...]))
    }
}
