import Foundation
import RiskgateCore
import RiskgateEngine
import RiskgateTestSupport
import Testing

/// Signing and verifying with the real ssh-keygen, and the allowed-signers lookup that saves
/// a `find-principals` run per approval.
@Suite(.serialized)
struct SSHKeygenTests {
    final class Keys {
        let folder: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("riskgate-keys-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in ["bob", "eve"] {
                let made = try Shell.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path(name)])
                guard made.status == 0 else { throw TestFailure.command("ssh-keygen", made) }
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func publicKey(_ name: String) throws -> String {
            let text = try String(contentsOfFile: path(name) + ".pub", encoding: .utf8)
            return text.split(separator: " ").prefix(2).joined(separator: " ")
        }
        func signers(_ lines: [String]) throws -> String {
            let file = path("signers-\(UUID().uuidString)")
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
    }

    static let message = Array(Approval.payload(commit: ObjectID(hex: String(repeating: "ab", count: 20)) ?? .zero, ref: nil, time: 1).utf8)

    @Test func signAndVerifyWithEveryKindOfAllowedSignersLine() throws {
        let keys = try Keys()
        let keygen = SSHKeygen()
        let signature = try keygen.sign(Self.message, key: keys.path("bob"), namespace: Approval.namespace)
        let bob = try keys.publicKey("bob")
        let rows: [(String, [String], Result<String, SignatureFailure>?)] = [
            ("plain line", ["bob@example.com \(bob)"], .success("bob@example.com")),
            ("two principals", ["bob@example.com,robert@example.com \(bob)"], .success("bob@example.com")),
            ("options", ["bob@example.com namespaces=\"riskgate-approval,git\" \(bob)"], .success("bob@example.com")),
            ("other namespace only", ["bob@example.com namespaces=\"git\" \(bob)"], nil),
            ("wildcard: find-principals", ["*@example.com \(bob)"], nil),
            ("key not listed", ["eve@example.com \(try keys.publicKey("eve"))"], .failure(.unknownKey(""))),
        ]
        for (name, lines, expected) in rows {
            let outcome = keygen.verify(Self.message, signature: signature, allowedSigners: try keys.signers(lines), namespace: Approval.namespace)
            switch (expected, outcome) {
            case (.success(let who)?, .success(let got)): #expect(who == got, "\(name)")
            case (.failure?, .failure(.unknownKey)): break
            case (nil, _): break  // ssh-keygen decides; covered below for the wildcard
            default: Issue.record("\(name): \(outcome)")
            }
            if name == "other namespace only" { #expect((try? outcome.get()) == nil, "\(name): \(outcome)") }
            if name == "wildcard: find-principals" {
                if case .failure(.invalid) = outcome { Issue.record("\(name): \(outcome)") }
            }
        }
    }

    @Test func aTamperedMessageOrSignatureFails() throws {
        let keys = try Keys()
        let keygen = SSHKeygen()
        let signers = try keys.signers(["bob@example.com \(try keys.publicKey("bob"))"])
        let signature = try keygen.sign(Self.message, key: keys.path("bob"), namespace: Approval.namespace)
        var tampered = Self.message
        tampered[tampered.count - 2] ^= 1
        guard case .failure(.invalid) = keygen.verify(tampered, signature: signature, allowedSigners: signers, namespace: Approval.namespace)
        else { Issue.record("a changed message verified"); return }
        let otherNamespace = keygen.verify(Self.message, signature: signature, allowedSigners: signers, namespace: VerdictStatement.namespace)
        #expect((try? otherNamespace.get()) == nil, "an approval is not a verdict: \(otherNamespace)")
    }

    @Test func theKeyInsideASignatureIsTheListedOne() throws {
        let keys = try Keys()
        let signature = try SSHKeygen().sign(Self.message, key: keys.path("bob"), namespace: Approval.namespace)
        let body = try #require(SSHSignatureArmor.body(of: signature))
        let bob = try keys.publicKey("bob")
        #expect(AllowedSigners.principal(forSignature: body, in: "# people\nbob@example.com \(bob)\n") == "bob@example.com")
        #expect(AllowedSigners.principal(forSignature: body, in: "eve@example.com \(try keys.publicKey("eve"))\n") == nil)
        #expect(AllowedSigners.principal(forSignature: body, in: "bob@example.com cert-authority \(bob)\n") == nil)
        #expect(Base64.decode("aGVsbG8=") == Array("hello".utf8))
        #expect(Base64.decode("a!==") == nil)
    }

    @Test func oneRunSignsManyMessagesEachVerifiable() throws {
        let keys = try Keys()
        let keygen = SSHKeygen()
        let signers = try keys.signers(["bob@example.com \(try keys.publicKey("bob"))"])
        let messages = (0..<3).map { Array("statement \($0)\n".utf8) }
        let signatures = try keygen.sign(many: messages, key: keys.path("bob"), namespace: VerdictStatement.namespace)
        #expect(signatures.count == 3)
        for (index, signature) in signatures.enumerated() {
            #expect(
                (try? keygen.verify(messages[index], signature: signature, allowedSigners: signers, namespace: VerdictStatement.namespace).get())
                    == "bob@example.com", "message \(index)")
            let other = messages[(index + 1) % 3]
            #expect((try? keygen.verify(other, signature: signature, allowedSigners: signers, namespace: VerdictStatement.namespace).get()) == nil)
        }
    }

    @Test func missingSSHKeygenIsAClearError() throws {
        let keygen = SSHKeygen(environment: ["RISKGATE_SSH_KEYGEN": "/nonexistent/ssh-keygen", "PATH": "/usr/bin"])
        #expect(!keygen.isAvailable)
        guard case .failure(.unavailable(let why)) = keygen.verify(Self.message, signature: "x", allowedSigners: "/dev/null", namespace: "n")
        else { Issue.record("verified without ssh-keygen"); return }
        #expect(why.contains("ssh-keygen was not found"))
        #expect(throws: EngineError.self) { try keygen.sign(Self.message, key: "/dev/null", namespace: "n") }
    }
}
