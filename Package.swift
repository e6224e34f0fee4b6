// swift-tools-version:6.0
//
// riskgate: a risk gate for AI-assisted changes at the git boundary.
//
// Targets in dependency order:
//   CRE2               C shim over RE2 (C++, libre2-dev): linear-time regular expressions
//   RiskgateCore       pure analysis: model, trailers, detection, rules, scoring (no libgit2, no I/O)
//   RiskgateReporting  renderers of an analysis report (JSON, text, ...)
//   CLibGit2           system library: libgit2 through pkg-config
//   RiskgateGit        the thin adapter, the only importer of CLibGit2
//   RiskgateEngine     the pipeline assembled once, the push gate, the range report driver,
//                      configuration lookup: what every front end (CLI, hooks, CI) shares
//   riskgate           the command-line tool (swift-argument-parser): parsing and printing
import PackageDescription

let package = Package(
    name: "riskgate",
    products: [
        .executable(name: "riskgate", targets: ["riskgate"]),
        .library(name: "RiskgateCore", targets: ["RiskgateCore"]),
        .library(name: "RiskgateEngine", targets: ["RiskgateEngine"]),
        // For the libFuzzer harness in bench/fuzz (a separate package).
        .library(name: "RiskgateRulePacks", targets: ["RiskgateRulePacks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: Core library (pure)
        // RE2 matches content rules in time linear in the text, whatever the pattern (README,
        // "Matching in bounded time"); a four-function C shim, no I/O.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        .target(name: "RiskgateCore", dependencies: ["CRE2"]),
        .target(name: "RiskgateRulePacks", dependencies: ["RiskgateCore", "Yams"]),
        .target(name: "RiskgateReporting", dependencies: ["RiskgateCore"]),

        // MARK: Audit trail (file I/O and hashing, kept out of the pure core)
        .target(name: "RiskgateAudit", dependencies: ["RiskgateCore", .product(name: "Crypto", package: "swift-crypto")]),

        // MARK: Git adapter
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(name: "RiskgateGit", dependencies: ["RiskgateCore", "CLibGit2"]),

        // MARK: Engine (every front end's one pipeline and one push gate)
        .target(
            name: "RiskgateEngine",
            dependencies: ["RiskgateCore", "RiskgateRulePacks", "RiskgateReporting", "RiskgateAudit", "RiskgateGit"]),

        // MARK: Command-line tool
        .executableTarget(
            name: "riskgate",
            dependencies: [
                "RiskgateCore",
                "RiskgateRulePacks",
                "RiskgateReporting",
                "RiskgateAudit",
                "RiskgateGit",
                "RiskgateEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .target(name: "RiskgateTestSupport", dependencies: ["RiskgateCore"], path: "Tests/RiskgateTestSupport"),
        .testTarget(name: "RiskgateCoreTests", dependencies: ["RiskgateCore", "RiskgateTestSupport"]),
        .testTarget(
            name: "RiskgateRulePacksTests", dependencies: ["RiskgateRulePacks", "RiskgateTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "RiskgateReportingTests", dependencies: ["RiskgateReporting", "RiskgateTestSupport"],
            exclude: ["Expected"]),
        .testTarget(name: "RiskgateAuditTests", dependencies: ["RiskgateAudit", "RiskgateTestSupport"]),
        .testTarget(name: "RiskgateGitTests", dependencies: ["RiskgateGit", "RiskgateTestSupport"]),
        .testTarget(name: "RiskgateEngineTests", dependencies: ["RiskgateEngine", "RiskgateTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RiskgateTestSupport"]),
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "RiskgateCore", "RiskgateRulePacks", "RiskgateReporting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
