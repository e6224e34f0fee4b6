/// The subset of SARIF 2.1.0 that riskgate writes, as `Codable` values (never `[String: Any]`).
///
/// Field names are SARIF's; optional fields that are nil are left out. What GitHub code
/// scanning requires is always filled: tool.driver name and rules (id, short and full
/// description, help), results with ruleId, level, message, a location with a region whose
/// startLine is at least 1, and partialFingerprints.
struct SARIFLog: Codable, Hashable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [SARIFRun]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }
}

struct SARIFRun: Codable, Hashable {
    var tool: SARIFTool
    var automationDetails: SARIFAutomationDetails?
    var results: [SARIFResult]
    var properties: [String: SARIFPropertyValue]?
}

struct SARIFAutomationDetails: Codable, Hashable {
    var id: String
}

struct SARIFTool: Codable, Hashable {
    var driver: SARIFDriver
}

struct SARIFDriver: Codable, Hashable {
    var name: String
    var semanticVersion: String
    var informationUri: String?
    var rules: [SARIFRule]
}

struct SARIFText: Codable, Hashable {
    var text: String
    var markdown: String?
}

struct SARIFRule: Codable, Hashable {
    var id: String
    var name: String
    var shortDescription: SARIFText
    var fullDescription: SARIFText
    var help: SARIFText
    var defaultConfiguration: SARIFConfiguration
    var properties: SARIFRuleProperties
}

struct SARIFConfiguration: Codable, Hashable {
    var level: String
}

struct SARIFRuleProperties: Codable, Hashable {
    var tags: [String]
    var precision: String
    var problemSeverity: String
    var securitySeverity: String

    enum CodingKeys: String, CodingKey {
        case tags, precision
        case problemSeverity = "problem.severity"
        case securitySeverity = "security-severity"
    }
}

struct SARIFResult: Codable, Hashable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: SARIFText
    var locations: [SARIFLocation]?
    var partialFingerprints: [String: String]
    var properties: [String: SARIFPropertyValue]?
}

struct SARIFLocation: Codable, Hashable {
    var physicalLocation: SARIFPhysicalLocation
}

struct SARIFPhysicalLocation: Codable, Hashable {
    var artifactLocation: SARIFArtifactLocation
    var region: SARIFRegion
}

struct SARIFArtifactLocation: Codable, Hashable {
    var uri: String
}

struct SARIFRegion: Codable, Hashable {
    var startLine: Int
}

/// A property-bag value: a string, an integer or a list of strings.
enum SARIFPropertyValue: Codable, Hashable {
    case string(String)
    case int(Int)
    case strings([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .strings(let value): try container.encode(value)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .strings(try container.decode([String].self))
        }
    }
}
