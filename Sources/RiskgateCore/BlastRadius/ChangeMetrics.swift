/// Just-in-time change metrics after Kamei et al. 2013 (hooks-and-peers §3.7), computed from
/// the numstat numbers alone, each turned into an explained finding when it passes a threshold.
public struct ChangeMetrics: Hashable, Sendable {
    public enum RuleID {
        public static let linesAdded = "change-lines-added"
        public static let linesDeleted = "change-lines-deleted"
        public static let files = "change-files"
        public static let directories = "change-directories"
        public static let subsystems = "change-subsystems"
        public static let entropy = "change-entropy"
        public static let massDeletion = "mass-deletion"
    }

    public enum Threshold {
        public static let linesAdded = 1000
        public static let linesDeleted = 1000
        public static let files = 30
        public static let directories = 12
        public static let subsystems = 4
        public static let entropyFiles = 5
        public static let entropy = 0.9
        public static let massDeletionLines = 500
        public static let massDeletionFiles = 20
    }

    /// LA, LD: lines added and deleted (binary files count 0).
    public var linesAdded: Int
    public var linesDeleted: Int
    /// NF, ND, NS: files, directories, top-level subsystems (root files form one subsystem).
    public var files: Int
    public var directories: Int
    public var subsystems: Int
    /// Shannon entropy of the changed lines over the files, normalised to 0...1.
    public var entropy: Double
    public var deletedFiles: Int

    public init(_ commit: CommitSnapshot) {
        var added = 0
        var deleted = 0
        var directories = Set<Substring>()
        var subsystems = Set<Substring>()
        var perFile: [Int] = []
        var deletedFiles = 0
        for file in commit.files {
            added += file.added ?? 0
            deleted += file.deleted ?? 0
            perFile.append((file.added ?? 0) + (file.deleted ?? 0))
            if file.status == .deleted { deletedFiles += 1 }
            if let slash = file.path.lastIndex(of: "/") {
                directories.insert(file.path[..<slash])
                subsystems.insert(file.path[..<(file.path.firstIndex(of: "/") ?? slash)])
            } else {
                directories.insert("")
                subsystems.insert("")
            }
        }
        linesAdded = added
        linesDeleted = deleted
        files = commit.files.count
        self.directories = directories.count
        self.subsystems = subsystems.count
        self.deletedFiles = deletedFiles
        entropy = ChangeMetrics.normalisedEntropy(perFile)
    }

    static func normalisedEntropy(_ counts: [Int]) -> Double {
        let total = counts.reduce(0, +)
        guard counts.count > 1, total > 0 else { return 0 }
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / Double(total)
            entropy -= p * log2(p)
        }
        return entropy / log2(Double(counts.count))
    }

    public var isMassDeletion: Bool {
        (linesDeleted >= Threshold.massDeletionLines && linesDeleted >= 4 * linesAdded)
            || deletedFiles >= Threshold.massDeletionFiles
    }

    /// The findings of the metrics that pass their thresholds, for the enabled rules only.
    public func findings(rules: RuleSet, commit: ObjectID) -> [Finding] {
        var findings: [Finding] = []
        func add(_ id: String, _ message: String) {
            guard let rule = rules.builtIn(id) else { return }
            findings.append(
                Finding(rule: id, category: rule.category, points: rule.points, message: message, commit: commit))
        }
        if linesAdded >= Threshold.linesAdded {
            add(RuleID.linesAdded, "adds \(linesAdded) lines (LA ≥ \(Threshold.linesAdded)): large additions hide defects; consider splitting")
        }
        if linesDeleted >= Threshold.linesDeleted {
            add(RuleID.linesDeleted, "deletes \(linesDeleted) lines (LD ≥ \(Threshold.linesDeleted))")
        }
        if files >= Threshold.files {
            add(RuleID.files, "touches \(files) files (NF ≥ \(Threshold.files)): diffuse changes are harder to review")
        }
        if directories >= Threshold.directories {
            add(RuleID.directories, "touches \(directories) directories (ND ≥ \(Threshold.directories))")
        }
        if subsystems >= Threshold.subsystems {
            add(RuleID.subsystems, "touches \(subsystems) top-level subsystems at once (NS ≥ \(Threshold.subsystems))")
        }
        if files >= Threshold.entropyFiles, entropy >= Threshold.entropy {
            let shown = Int((entropy * 100).rounded())
            add(RuleID.entropy, "spreads its changed lines evenly over \(files) files (entropy \(shown)% of the maximum)")
        }
        if isMassDeletion {
            add(RuleID.massDeletion, "mass deletion: removes \(linesDeleted) lines and adds \(linesAdded), deletes \(deletedFiles) files")
        }
        return findings
    }
}

/// log2 without Foundation: the stdlib has no `log2`, so use the natural log series via
/// frexp-free decomposition (accurate to ~1e-12, ample for a 0...1 score).
func log2(_ value: Double) -> Double {
    guard value > 0 else { return -.infinity }
    let exponent = value.exponent
    let mantissa = value.significand  // 1 <= m < 2
    // ln(m) = 2 * atanh((m-1)/(m+1)) series
    let y = (mantissa - 1) / (mantissa + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    while k < 60 {
        sum += term / k
        term *= y2
        k += 2
    }
    let lnMantissa = 2 * sum
    return Double(exponent) + lnMantissa / 0.693_147_180_559_945_3
}
