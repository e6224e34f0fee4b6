import Dispatch
import RiskgateCore
import Synchronization

/// The commits of a range, each counted and then turned into an `Output` (an analysis) on
/// worker threads, delivered in the walk's order.
///
/// A whole-history report spends its time in three places: walking and tree-diffing (one
/// thread: the walk and the tree cache are sequential), counting lines, and scoring. This
/// stream pipelines them: while the workers count and score one batch, the caller's thread
/// diffs the next batch and consumes the previous one. Each worker owns its repository
/// handle, line counter and transform (libgit2 objects are not shared across threads), so
/// results never depend on the number of workers.
public final class ParallelCommitStream<Output: Sendable> {
    public typealias Transform = (CommitSnapshot) -> Output

    private let source: GitCommitSource
    private let workers: [Worker]
    private let queue = DispatchQueue(label: "riskgate.commit-workers", attributes: .concurrent)
    private var remaining: Int
    /// Walked and diffed, waiting for the workers.
    private var waiting: [GitCommitSource.Pending]?
    /// With the workers now.
    private var running: (batch: Batch, group: DispatchGroup)?
    private var ready: [Output] = []
    private var readyIndex = 0

    /// Commits read ahead per batch: enough that a slow commit rarely leaves a worker idle at
    /// the end of a batch, few enough that memory stays flat.
    static var batchSize: Int { 64 }

    /// - Parameters:
    ///   - workers: threads that count and transform (at least 1; the caller's thread walks).
    ///   - limit: stop after this many commits (nothing beyond it is read).
    ///   - makeTransform: builds one worker's transform on that worker's own repository handle.
    public init(
        source: GitCommitSource, workers: Int, limit: Int = .max,
        makeTransform: (Repository) throws(GitError) -> Transform
    ) throws(GitError) {
        self.source = source
        var built: [Worker] = []
        for _ in 0..<max(1, workers) {
            let repository = try source.repository.reopen()
            built.append(Worker(counter: LineCounter(repository: repository), transform: try makeTransform(repository)))
        }
        self.workers = built
        remaining = max(0, limit)
    }

    public func next() throws(GitError) -> Output? {
        if readyIndex >= ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            try advance()
        }
        guard readyIndex < ready.count else { return nil }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Collects the running batch, hands the walked one to the workers, and walks the batch
    /// after it while they are busy (the caller then consumes the collected one, also in
    /// parallel with them).
    private func advance() throws(GitError) {
        if running == nil {
            waiting = try readPending()
            start()
            waiting = try readPending()
        }
        guard let (batch, group) = running else { return }
        group.wait()
        running = nil
        start()
        waiting = try readPending()
        ready = try batch.outputs()
    }

    private func start() {
        guard let pending = waiting, !pending.isEmpty else {
            waiting = nil
            return
        }
        waiting = nil
        let batch = Batch(pending: pending)
        let group = DispatchGroup()
        for worker in workers {
            queue.async(group: group) { batch.run(on: worker) }
        }
        running = (batch, group)
    }

    private func readPending() throws(GitError) -> [GitCommitSource.Pending] {
        let count = min(Self.batchSize, remaining)
        let pending = try source.readPending(count: count)
        remaining -= pending.count
        return pending
    }

    /// One thread's tools. `@unchecked Sendable`: a worker runs on one thread at a time (each
    /// batch hands it to exactly one task, and batches do not overlap).
    final class Worker: @unchecked Sendable {
        let counter: LineCounter
        let transform: Transform

        init(counter: LineCounter, transform: @escaping Transform) {
            self.counter = counter
            self.transform = transform
        }
    }

    /// A batch shared out commit by commit. `@unchecked Sendable`: workers claim indices
    /// through the atomic cursor, so each slot is written by one thread, and slots are read
    /// only after the batch's group has finished.
    final class Batch: @unchecked Sendable {
        private let pending: [GitCommitSource.Pending]
        private let slots: UnsafeMutableBufferPointer<Result<Output, GitError>?>
        private let cursor = Atomic<Int>(0)

        init(pending: [GitCommitSource.Pending]) {
            self.pending = pending
            slots = .allocate(capacity: pending.count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func run(on worker: Worker) {
            while true {
                let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < pending.count else { return }
                var commit = pending[index]
                do throws(GitError) {
                    try GitCommitSource.count(&commit, with: worker.counter)
                    slots[index] = .success(worker.transform(commit.snapshot))
                } catch {
                    slots[index] = .failure(error)
                }
            }
        }

        func outputs() throws(GitError) -> [Output] {
            var outputs: [Output] = []
            outputs.reserveCapacity(slots.count)
            for result in slots {
                switch result {
                case .success(let output): outputs.append(output)
                case .failure(let error): throw error
                case nil: throw GitError.call(function: "analyse commit", code: -1, message: "a commit was not processed")
                }
            }
            return outputs
        }
    }
}
