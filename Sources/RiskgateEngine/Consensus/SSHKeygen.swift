import RiskgateCore

#if canImport(Glibc)
    import Glibc
#endif

/// `ssh-keygen -Y sign | find-principals | verify`: the SSH signatures git users already
/// have (git's `gpg.format=ssh` and `gpg.ssh.allowedSignersFile`). riskgate never checks a
/// signature itself.
public struct SSHKeygen: Sendable {
    /// The program (name on PATH or a path); `RISKGATE_SSH_KEYGEN` overrides it.
    public var program: String
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessEnvironment.current()) {
        self.environment = environment
        self.program = environment["RISKGATE_SSH_KEYGEN"].flatMap { $0.isEmpty ? nil : $0 } ?? "ssh-keygen"
    }

    public var isAvailable: Bool { ProcessRunner.locate(program, environment: environment) != nil }

    var missing: String {
        "ssh-keygen was not found (\(program) is not on PATH): install OpenSSH's ssh-keygen (8.2 or later) to sign and verify"
    }

    /// Signs `message` with the key (a private key file, a public key file whose private half
    /// is in ssh-agent, or git's `key::<public key>`); returns the armored signature.
    public func sign(_ message: [UInt8], key: String, namespace: String) throws(EngineError) -> String {
        var files: [String: [UInt8]] = [:]
        var keyPath = SSHKeygen.expandHome(key, environment: environment)
        if key.hasPrefix("key::") {
            files["key.pub"] = Array((String(key.dropFirst(5)) + "\n").utf8)
            keyPath = ""
        }
        let output: ProcessRunner.Output
        do {
            output = try ProcessRunner.run(
                program,
                arguments: { folder in ["-Y", "sign", "-q", "-n", namespace, "-f", keyPath.isEmpty ? folder + "/key.pub" : keyPath] },
                input: message, files: files, environment: environment)
        } catch {
            if case .notFound = error { throw .input(missing) }
            throw .input(error.description)
        }
        guard output.status == 0, SSHSignatureArmor.body(of: output.stdout) != nil else {
            throw .input("ssh-keygen -Y sign with \(key) failed: \(SSHKeygen.firstLine(output.stderr))")
        }
        return output.stdout
    }

    /// Signs each message in one `ssh-keygen -Y sign` run (it takes several files); returns
    /// the armored signatures in order.
    public func sign(many messages: [[UInt8]], key: String, namespace: String) throws(EngineError) -> [String] {
        if messages.count <= 1 {
            return try messages.map { message throws(EngineError) in try sign(message, key: key, namespace: namespace) }
        }
        var files: [String: [UInt8]] = [:]
        for (index, message) in messages.enumerated() { files["m\(index)"] = message }
        var keyPath = SSHKeygen.expandHome(key, environment: environment)
        if key.hasPrefix("key::") {
            files["key.pub"] = Array((String(key.dropFirst(5)) + "\n").utf8)
            keyPath = ""
        }
        let names = messages.indices.map { "m\($0)" }
        let output: ProcessRunner.Output
        do {
            output = try ProcessRunner.run(
                program,
                arguments: { folder in
                    ["-Y", "sign", "-q", "-n", namespace, "-f", keyPath.isEmpty ? folder + "/key.pub" : keyPath]
                        + names.map { folder + "/" + $0 }
                },
                files: files, collect: names.map { $0 + ".sig" }, environment: environment)
        } catch {
            if case .notFound = error { throw .input(missing) }
            throw .input(error.description)
        }
        let signatures = names.compactMap { output.files[$0 + ".sig"] }
        guard output.status == 0, signatures.count == messages.count, signatures.allSatisfy({ SSHSignatureArmor.body(of: $0) != nil })
        else {
            throw .input("ssh-keygen -Y sign with \(key) failed: \(SSHKeygen.firstLine(output.stderr))")
        }
        return signatures
    }

    /// Checks `signature` (armored) over `message`: the principal the allowed-signers file
    /// names for its key, verified for `namespace`.
    public func verify(
        _ message: [UInt8], signature: String, allowedSigners: String, namespace: String
    ) -> Result<String, SignatureFailure> {
        guard isAvailable else { return .failure(.unavailable(missing)) }
        guard access(allowedSigners, R_OK) == 0 else {
            return .failure(.unavailable("the allowed signers file \(allowedSigners) cannot be read: \(String(cString: strerror(errno)))"))
        }
        let files = ["signature.sig": Array(signature.utf8)]
        // A plain allowed-signers line names the key's principal: one `verify`, no `find-principals`.
        if let body = SSHSignatureArmor.body(of: signature), let file = try? TextFile.text(allowedSigners, what: "allowed signers"),
            let principal = AllowedSigners.principal(forSignature: body, in: file)
        {
            return verify(message, files: files, principal: principal, allowedSigners: allowedSigners, namespace: namespace)
        }
        let principals: [String]
        do {
            let found = try ProcessRunner.run(
                program, arguments: { ["-Y", "find-principals", "-f", allowedSigners, "-s", $0 + "/signature.sig"] },
                files: files, environment: environment)
            guard found.status == 0 else { return .failure(.unknownKey(SSHKeygen.firstLine(found.stderr))) }
            principals = found.stdout.split(separator: "\n").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        } catch {
            return .failure(.unavailable("ssh-keygen -Y find-principals could not run: \(error)"))
        }
        guard let principal = principals.first else { return .failure(.unknownKey("")) }
        return verify(message, files: files, principal: principal, allowedSigners: allowedSigners, namespace: namespace)
    }

    private func verify(
        _ message: [UInt8], files: [String: [UInt8]], principal: String, allowedSigners: String, namespace: String
    ) -> Result<String, SignatureFailure> {
        do {
            let checked = try ProcessRunner.run(
                program,
                arguments: { ["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", namespace, "-s", $0 + "/signature.sig"] },
                input: message, files: files, environment: environment)
            guard checked.status == 0 else {
                let why = SSHKeygen.firstLine(checked.stderr)
                if why.lowercased().contains("not authorized") || why.lowercased().contains("namespace") {
                    return .failure(.unknownKey(why))
                }
                return .failure(.invalid(why))
            }
        } catch {
            return .failure(.unavailable("ssh-keygen -Y verify could not run: \(error)"))
        }
        return .success(principal)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first.map { $0.trimmingWhitespace() } ?? "")
    }

    static func expandHome(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }
}
