// swift-tools-version:6.0
//
// libFuzzer harness for the entry points a pusher controls (README, "Fuzzing"). A separate
// package so that `swift build` and `swift test` of riskgate never compile it; build it with
//   swift build -c release --package-path bench/fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "riskgate-fuzz",
    dependencies: [.package(name: "riskgate", path: "../..")],
    targets: [
        // SwiftPM defines `main` as `RiskgateFuzz_main`; this C target hands it to libFuzzer.
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "RiskgateFuzz",
            dependencies: [
                "FuzzDriver",
                .product(name: "RiskgateCore", package: "riskgate"),
                .product(name: "RiskgateRulePacks", package: "riskgate"),
            ])
    ],
    swiftLanguageModes: [.v6]
)
