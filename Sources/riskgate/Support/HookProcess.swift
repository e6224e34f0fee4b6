import ArgumentParser
import RiskgateEngine

#if canImport(Glibc)
    import Glibc
#endif

/// The process-level inputs of a hook, read once at the edge: environment, stdin, clock.
/// The engine receives them as plain values.
enum HookProcess {
    /// The environment as a dictionary.
    static func environment() -> [String: String] { ProcessEnvironment.current() }

    /// All of standard input (git closes it after the last ref line).
    static func readStandardInput() throws(CommandError) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .input("cannot read the hook input from stdin: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Passes the gate's message to the pusher (stderr) and returns its exit code.
    static func finish(_ outcome: PushGate.Outcome) -> ExitCode {
        Console.standardError.write(outcome.message)
        return ExitCode(outcome.exitCode)
    }
}
