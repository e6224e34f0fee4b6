import RiskgateCore
import RiskgateEngine
import RiskgateReporting

#if canImport(Glibc)
    import Glibc
#endif

enum Console {
    static var standardOutput: FileDescriptorSink { FileDescriptorSink(descriptor: 1) }
    static var standardError: FileDescriptorSink { FileDescriptorSink(descriptor: 2) }

    static func error(_ message: String) {
        // Messages can quote a commit, a path or a pusher's text: no control bytes reach the terminal.
        standardError.write("riskgate: error: \(TerminalText.sanitize(message))\n")
    }

    static func warning(_ message: String) {
        standardError.write("riskgate: warning: \(TerminalText.sanitize(message))\n")
    }

    static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
