/// One problem in a rule pack or configuration file, printed as `file:line: subject: message`
/// where the subject is the rule id (or, outside a rule, the key) the problem belongs to.
public struct RulePackIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var subject: String
    public var message: String

    public init(file: String, line: Int, subject: String, message: String) {
        self.file = file
        self.line = line
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(file):\(line): \(subject): \(message)" }
}

/// Every problem found in one decoding pass, in file order: a broken file is reported whole.
public struct RulePackErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [RulePackIssue]

    public init(_ issues: [RulePackIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
