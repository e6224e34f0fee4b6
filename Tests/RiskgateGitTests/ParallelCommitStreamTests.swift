import RiskgateCore
import RiskgateGit
import RiskgateTestSupport
import Testing

/// The worker pipeline must deliver exactly what the one-thread source reads, in the same
/// order, whatever the number of workers, and stop at its limit.
struct ParallelCommitStreamTests {
    /// A history longer than two batches, so batches overlap in the pipeline.
    static func history() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        var generator = SeededGenerator(seed: 7)
        try RandomHistory.build(in: repo, commits: 150, using: &generator)
        return repo
    }

    static func sequential(_ repo: TemporaryRepository) throws -> [CommitSnapshot] {
        let repository = try Repository(discoveringFrom: repo.path)
        let source = try GitCommitSource(repository: repository, range: try repository.resolve(["--all"]))
        var commits: [CommitSnapshot] = []
        while let commit = try source.nextSnapshot() { commits.append(commit) }
        return commits
    }

    static func streamed(_ repo: TemporaryRepository, workers: Int, limit: Int = .max) throws -> [String] {
        let repository = try Repository(discoveringFrom: repo.path)
        let source = try GitCommitSource(repository: repository, range: try repository.resolve(["--all"]))
        // The transform runs on the workers; what it returns is what the caller gets.
        let stream = try ParallelCommitStream(source: source, workers: workers, limit: limit) { _ in
            { commit in Self.describe(commit) }
        }
        var outputs: [String] = []
        while let output = try stream.next() { outputs.append(output) }
        return outputs
    }

    static func describe(_ commit: CommitSnapshot) -> String {
        let files = commit.files.map { "\($0.path) +\($0.added.map(String.init) ?? "-") -\($0.deleted.map(String.init) ?? "-")" }
        return commit.id.hex + " " + files.joined(separator: ", ")
    }

    @Test func deliversWhatTheSequentialSourceReadsAndStopsAtItsLimit() throws {
        let repo = try Self.history()
        let expected = try Self.sequential(repo).map(Self.describe)
        #expect(expected.count > 130)
        for workers in [1, 2, 3, 5] {
            #expect(try Self.streamed(repo, workers: workers) == expected, "\(workers) workers")
        }
        for limit in [0, 1, 64, 65, 100] {
            #expect(try Self.streamed(repo, workers: 2, limit: limit) == Array(expected.prefix(limit)), "limit \(limit)")
        }
    }

    @Test func anEmptyRangeYieldsNothing() throws {
        let repo = try TemporaryRepository()
        try repo.write("a.txt", "a\n")
        try repo.commit("one")
        let repository = try Repository(discoveringFrom: repo.path)
        let source = try GitCommitSource(repository: repository, range: try repository.resolve(["HEAD..HEAD"]))
        let stream = try ParallelCommitStream(source: source, workers: 2) { _ in { $0.id.hex } }
        #expect(try stream.next() == nil)
        #expect(try stream.next() == nil)
    }
}
