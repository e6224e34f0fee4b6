import Foundation

/// A small deterministic random number generator (SplitMix64) for reproducible fixtures.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds a random but reproducible history: edits, additions, deletions, renames, binary
/// files, mode changes and merges, so walkers and diffs meet many shapes at once.
public enum RandomHistory {
    public static func build(in repo: TemporaryRepository, commits: Int, using generator: inout SeededGenerator) throws {
        var files: [String: [String]] = [:]
        let directories = ["", "src/", "src/core/", "deploy/", "infra/tf/", "docs/", "db/migrations/"]
        func randomPath() -> String {
            let directory = directories[Int(generator.next() % UInt64(directories.count))]
            return "\(directory)f\(generator.next() % 40).txt"
        }
        func write(_ path: String, _ lines: [String]) throws {
            try repo.write(path, lines.joined(separator: "\n") + (generator.next() % 5 == 0 ? "" : "\n"))
            files[path] = lines
        }
        for index in 0..<5 {
            try write("seed\(index).txt", (0..<10).map { "seed \(index) line \($0)" })
        }
        try repo.commit("initial")
        var branchCounter = 0
        for step in 0..<commits {
            let action = generator.next() % 100
            if action < 10, step > 3 {
                // A short-lived branch merged back with --no-ff.
                branchCounter += 1
                let branch = "topic\(branchCounter)"
                try repo.git(["checkout", "-q", "-b", branch])
                let path = randomPath()
                try write(path, (0..<Int(generator.next() % 20 + 1)).map { "topic \(branchCounter) \($0)" })
                try repo.commit("topic \(branchCounter)")
                try repo.git(["checkout", "-q", "main"])
                if let (other, lines) = files.first(where: { $0.key != path }) {
                    try write(other, lines + ["main side \(step)"])
                    try repo.commit("main side \(step)")
                }
                try repo.git(["merge", "-q", "--no-ff", "--no-edit", branch])
                continue
            }
            let path = randomPath()
            if action < 20, let existing = files.keys.sorted().first, files.count > 3 {
                try repo.git(["mv", existing, existing.replacingOccurrences(of: ".txt", with: "-moved\(step).txt")])
                files[existing.replacingOccurrences(of: ".txt", with: "-moved\(step).txt")] = files.removeValue(forKey: existing)
            } else if action < 28, let victim = files.keys.sorted().last, files.count > 3 {
                try repo.remove(victim)
                files.removeValue(forKey: victim)
            } else if action < 32 {
                var data = Data("bin\(step)".utf8)
                data.append(0)
                try repo.write("assets/blob\(generator.next() % 3).bin", data: data)
            } else if var lines = files[path] {
                for _ in 0..<Int(generator.next() % 4 + 1) where !lines.isEmpty {
                    let position = Int(generator.next() % UInt64(lines.count))
                    switch generator.next() % 3 {
                    case 0: lines[position] = "edit \(step) \(position)"
                    case 1: lines.insert("insert \(step)", at: position)
                    default: lines.remove(at: position)
                    }
                }
                try write(path, lines)
            } else {
                try write(path, (0..<Int(generator.next() % 30 + 1)).map { "new \(step) \($0)" })
            }
            try repo.commit("step \(step)")
        }
    }
}
