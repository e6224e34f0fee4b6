import RiskgateCore
import RiskgateGit

#if canImport(Glibc)
    import Glibc
#endif

/// Where the AI kill switch lives: `$GIT_DIR/riskgate/ai-freeze` on the server, beside the audit
/// log and never in any pushed tree. Written whole by rename, so a hook reads the old file or
/// the new one, never half of one.
public struct KillSwitchStore {
    public let path: String

    public init(repository: Repository) {
        path = repository.commonDirectory + "/riskgate/ai-freeze"
    }

    /// The switch in force, nil when there is none (or it is unreadable: the file's absence is
    /// the common case and costs one failed open).
    public func current() -> KillSwitch? {
        guard let bytes = TextFile.bytesIfReadable(path) else { return nil }
        return KillSwitch(parsing: String(decoding: bytes, as: UTF8.self))
    }

    public func write(_ killSwitch: KillSwitch) throws(EngineError) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        if mkdir(directory, 0o775) != 0 && errno != EEXIST {
            throw .input("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let temporary = path + ".tmp-\(getpid())"
        let sink = try FileDescriptorSink.file(temporary, what: "the kill switch", mode: 0o664)
        sink.write(killSwitch.rendered)
        guard !sink.failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .input("cannot write the kill switch \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the switch; false when there was none.
    public func lift() throws(EngineError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw .input("cannot remove the kill switch \(path): \(String(cString: strerror(errno)))")
    }
}
