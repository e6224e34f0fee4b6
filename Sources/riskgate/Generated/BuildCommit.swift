// The commit a packaged riskgate was built from. Scripts/package.sh writes the real one here for
// its build and puts this file back afterwards; every other build says "dev".
enum BuildCommit {
    static let value = "dev"
}
