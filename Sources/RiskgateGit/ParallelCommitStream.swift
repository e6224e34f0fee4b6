import Dispatch
import RiskgateCore
import Synchronization

/// The commits of a range, each counted and then turned into an `Output` (an analysis) on
/// worker threads, delivered in the walk's order.
///
/// Only the walk itself is sequential (its priority queue decides the order). The caller's
/// thread walks the next batch and consumes the previous one while the workers read, diff,
/// count and score the current one. Each worker owns its repository handle, reader, line
/// counter and transform (libgit2 objects are not shared across threads), and claims runs
/// of consecutive commits, whose trees its reader reuses; results never depend on the
/// number of workers.
public final class ParallelCommitStream<Output: Sendable> {
    public typealias Transform = (CommitSnapshot) -> Output

    private let source: GitCommitSource
    private let wantsLines: (@Sendable (FileChange) -> Bool)?
    private let workers: [Worker]
    private var remaining: Int
    /// With the workers, oldest first: two at a time, so a worker that finishes its share of
    /// one batch goes straight on to the next instead of waiting for the slowest commit.
    private var running: [(batch: Batch, group: DispatchGroup)] = []
    private var ready: [Output] = []
    private var readyIndex = 0

    /// Commits read ahead per batch: enough that a slow commit rarely leaves a worker idle at
    /// the end of a batch, few enough that memory stays flat.
    static var batchSize: Int { 64 }

    /// - Parameters:
    ///   - workers: threads that count and transform (at least 1; the caller's thread walks).
    ///   - limit: stop after this many commits (nothing beyond it is read).
    ///   - makeTransform: builds one worker's transform on that worker's own repository handle.
    ///   - wantsLines: files whose changed lines the transform will read (content rules):
    ///     they are kept from the counting diff, so those blobs are not read and diffed twice.
    public init(
        source: GitCommitSource, workers: Int, limit: Int = .max, wantsLines: (@Sendable (FileChange) -> Bool)? = nil,
        makeTransform: (Repository) throws(GitError) -> Transform
    ) throws(GitError) {
        self.source = source
        self.wantsLines = wantsLines
        var built: [Worker] = []
        for index in 0..<max(1, workers) {
            let repository = try source.repository.reopen()
            built.append(
                Worker(
                    reader: CommitReader(repository: repository, shallow: source.shallow),
                    counter: LineCounter(repository: repository), transform: try makeTransform(repository),
                    queue: DispatchQueue(label: "riskgate.commit-worker-\(index)")))
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

    /// Collects the oldest running batch and hands a newly walked one to the workers; the
    /// caller then consumes the collected batch while they work.
    private func advance() throws(GitError) {
        if running.isEmpty {
            try start()
            try start()
        }
        guard !running.isEmpty else { return }
        let (batch, group) = running.removeFirst()
        group.wait()
        try start()
        ready = try batch.outputs()
    }

    /// Walks the next batch and queues each worker's share of it behind its share of the
    /// batches already running (each worker's queue is serial, so a worker's tools are only
    /// ever used by one task at a time).
    private func start() throws(GitError) {
        let planned = try plan()
        guard !planned.isEmpty else { return }
        let batch = Batch(planned: planned, wantsLines: wantsLines)
        let group = DispatchGroup()
        for worker in workers {
            worker.queue.async(group: group) { batch.run(on: worker) }
        }
        running.append((batch, group))
    }

    private func plan() throws(GitError) -> [Planned] {
        let planned = try source.plan(count: min(Self.batchSize, remaining))
        remaining -= planned.count
        return planned
    }

    /// One thread's tools. `@unchecked Sendable`: a worker runs on one thread at a time (its
    /// tasks are queued on its own serial queue).
    final class Worker: @unchecked Sendable {
        let reader: CommitReader
        let counter: LineCounter
        let transform: Transform
        /// Serial: the worker's tasks run one after another.
        let queue: DispatchQueue

        init(reader: CommitReader, counter: LineCounter, transform: @escaping Transform, queue: DispatchQueue) {
            self.reader = reader
            self.counter = counter
            self.queue = queue
            self.transform = transform
        }
    }

    /// A batch shared out in runs of consecutive commits. `@unchecked Sendable`: workers claim
    /// runs through the atomic cursor, so each slot is written by one thread, and slots are
    /// read only after the batch's group has finished.
    final class Batch: @unchecked Sendable {
        /// Consecutive commits share most trees; a run keeps them with one reader.
        static var run: Int { 8 }

        private let planned: [Planned]
        private let wantsLines: (@Sendable (FileChange) -> Bool)?
        private let slots: UnsafeMutableBufferPointer<Result<Output, GitError>?>
        private let cursor = Atomic<Int>(0)

        init(planned: [Planned], wantsLines: (@Sendable (FileChange) -> Bool)?) {
            self.planned = planned
            self.wantsLines = wantsLines
            slots = .allocate(capacity: planned.count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func run(on worker: Worker) {
            while true {
                let start = cursor.wrappingAdd(Self.run, ordering: .relaxed).oldValue
                guard start < planned.count else { return }
                for index in start..<min(start + Self.run, planned.count) {
                    // Lines collected for one commit serve only its own scoring.
                    defer { worker.counter.repository.collectedLines.removeAll(keepingCapacity: true) }
                    do throws(GitError) {
                        var commit = try worker.reader.read(planned[index])
                        try GitCommitSource.count(&commit, with: worker.counter, wantsLines: wantsLines)
                        slots[index] = .success(worker.transform(commit.snapshot))
                    } catch {
                        slots[index] = .failure(error)
                    }
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
