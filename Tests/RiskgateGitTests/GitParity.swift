import Foundation
import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// Compares riskgate's view of every commit with `git log --numstat --no-renames
/// --diff-merges=first-parent` on the same repository.
enum GitParity {
    /// Every commit riskgate reads for `revisions`, by id.
    static func riskgateCommits(_ repository: TemporaryRepository, _ revisions: [String] = ["--all"]) throws
        -> [String: CommitSnapshot]
    {
        let repo = try Repository(discoveringFrom: repository.path)
        let source = try GitCommitSource(repository: repo, range: try repo.resolve(revisions))
        var result: [String: CommitSnapshot] = [:]
        while let commit = try source.nextSnapshot() { result[commit.id.hex] = commit }
        return result
    }

    /// Expands exact renames into git's `--no-renames` delete and add pair; line counts of the
    /// pair are checked against each other, since a rename carries no counts of its own.
    static func comparable(_ files: [FileChange], gitEntries: [GitNumstatEntry]) -> [GitNumstatEntry] {
        let gitByPath = Dictionary(gitEntries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [GitNumstatEntry] = []
        for file in files {
            if file.status == .renamed, let oldPath = file.oldPath {
                // git shows the new path with every line added and the old with every line deleted.
                let added = gitByPath[file.path]?.added
                entries.append(GitNumstatEntry(path: file.path, added: added, deleted: added == nil ? nil : 0))
                entries.append(GitNumstatEntry(path: oldPath, added: added == nil ? nil : 0, deleted: added))
            } else {
                entries.append(GitNumstatEntry(path: file.path, added: file.added, deleted: file.deleted))
            }
        }
        return entries
    }

    /// Asserts that riskgate and git agree on every commit; returns the number of commits checked.
    @discardableResult
    static func assertEqual(_ repository: TemporaryRepository, _ revisions: [String] = ["--all"],
        sourceLocation: SourceLocation = #_sourceLocation) throws -> Int
    {
        let git = try GitNumstat.log(repository, revisions)
        let ours = try riskgateCommits(repository, revisions)
        #expect(Set(ours.keys) == Set(git.keys), "riskgate and git walk different commits", sourceLocation: sourceLocation)
        for (sha, gitEntries) in git {
            guard let commit = ours[sha] else { continue }
            let mine = comparable(commit.files, gitEntries: gitEntries)
            let expected = gitEntries.sorted { $0.path < $1.path }
            let actual = mine.sorted { $0.path < $1.path }
            #expect(
                actual == expected,
                "commit \(sha) \(commit.subject):\n riskgate \(actual)\n git      \(expected)",
                sourceLocation: sourceLocation)
        }
        return git.count
    }
}
