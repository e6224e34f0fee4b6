import Foundation

/// Files next to the tests and in the repository, found from this source file.
enum FixturePaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// The YAML files under `rules/default` and `rules/packs`, as `default/x.yaml` paths.
    static func rulePackFiles() throws -> [(path: String, url: URL)] {
        var result: [(String, URL)] = []
        for folder in ["default", "packs"] {
            let directory = repositoryRoot.appendingPathComponent("rules").appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            for name in names.sorted() where name.hasSuffix(".yaml") {
                result.append(("\(folder)/\(name)", directory.appendingPathComponent(name)))
            }
        }
        return result
    }
}
