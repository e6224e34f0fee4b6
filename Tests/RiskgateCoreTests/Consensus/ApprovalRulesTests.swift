import RiskgateCore
import Testing

/// The approval note format and the counting rules (SPEC §9); signatures are checked by
/// ssh-keygen in the end-to-end tests, here a table stands in for the verification result.
struct ApprovalRulesTests {
    static let commit = ReportCoreFixtures.id(0xabc)
    static let other = ReportCoreFixtures.id(0xdef)

    @Test func payloadIsCanonicalAndTheLineRoundTrips() throws {
        let approval = Approval(commit: Self.commit, ref: "refs/heads/main", time: 1_800_000_000, signature: "U1NIU0lHAAAA")
        #expect(
            approval.payload
                == "riskgate-approval v1\ncommit \(Self.commit.hex)\nref refs/heads/main\ntime 1800000000\n")
        #expect(approval.line == "riskgate-approval v1 commit=\(Self.commit.hex) ref=refs/heads/main time=1800000000 sig=U1NIU0lHAAAA")
        #expect(try Approval.parse(line: approval.line).get() == approval)
        let anyRef = Approval(commit: Self.commit, ref: nil, time: 5, signature: "QQ==")
        #expect(anyRef.payload == "riskgate-approval v1\ncommit \(Self.commit.hex)\ntime 5\n")
        #expect(try Approval.parse(line: anyRef.line).get() == anyRef)
    }

    @Test(arguments: [
        ("riskgate-approval v2 commit=\(commit.hex) time=1 sig=QQ==", "version v2"),
        ("riskgate-approval v1 commit=abc time=1 sig=QQ==", "no commit id"),
        ("riskgate-approval v1 commit=\(commit.hex) sig=QQ==", "no time"),
        ("riskgate-approval v1 commit=\(commit.hex) time=1", "no signature"),
        ("riskgate-approval v1 commit=\(commit.hex) time=1 sig=Q!", "no signature"),
        ("riskgate-approval v1 commit=\(commit.hex) ref=main time=1 sig=QQ==", "not a full ref"),
        ("riskgate-approval v1 commit=\(commit.hex) time=1 time=2 sig=QQ==", "repeated"),
        ("riskgate-approval v1 commit=\(commit.hex) who=x time=1 sig=QQ==", "unknown field"),
    ])
    func malformedLinesAreRefusedWithAReason(_ line: String, _ expected: String) {
        switch Approval.parse(line: line) {
        case .success: Issue.record("accepted: \(line)")
        case .failure(let error): #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func armorRoundTrips() {
        let body = String(repeating: "QUJD", count: 60)
        let armored = SSHSignatureArmor.armor(body)
        #expect(armored.hasPrefix(SSHSignatureArmor.begin + "\n"))
        #expect(armored.split(separator: "\n").allSatisfy { $0.count <= 70 })
        #expect(SSHSignatureArmor.body(of: armored) == body)
        #expect(SSHSignatureArmor.body(of: "no armor") == nil)
    }

    /// Each row: note lines (signed by the principal after `|`, or `!` for a failed signature),
    /// the pusher, the approvers counted and a reason expected among the refusals.
    @Test(arguments: [
        ("bob", ["bob@example.com"], nil as String?, ["bob@example.com"], nil as String?),
        ("author", ["dev@example.com"], nil, [], "is the commit's author"),
        ("author by a bare name", ["dev"], nil, [], "is the commit's author"),
        ("someone else with the author's domain", ["dev2@example.com"], nil, ["dev2@example.com"], nil),
        ("ai", ["noreply@anthropic.com"], nil, [], "AI or automation identity"),
        ("pusher by local part", ["carol@example.com"], "carol", [], "is the pusher"),
        ("same approver twice", ["bob@example.com", "BOB@example.com"], nil, ["bob@example.com"], "counted once"),
        ("two approvers", ["bob@example.com", "carol@example.com"], "dave", ["bob@example.com", "carol@example.com"], nil),
        ("bad signature", ["!"], nil, [], "does not verify"),
    ])
    func counting(_ name: String, _ signers: [String], _ pusher: String?, _ counted: [String], _ refusal: String?) {
        let note = signers.enumerated().map { index, signer in
            Approval(commit: Self.commit, ref: nil, time: Int64(index), signature: "QQ\(index)=").line
        }.joined(separator: "\n")
        let analysis = ReportCoreFixtures.analysis(0xabc, kind: .aiAssisted)
        let status = ApprovalRules.status(
            requirement: ApprovalRequirement(count: 2, from: .low), note: note, commit: analysis.commit, ref: "refs/heads/main",
            pusher: pusher.map { Pusher(name: $0, variable: "REMOTE_USER") }
        ) { approval in
            let signer = signers[Int(approval.time)]
            return signer == "!" ? .failure(.invalid("")) : .success(signer)
        }
        #expect(status.approvers == counted, "\(name)")
        if let refusal { #expect(status.refused.contains { $0.reason?.contains(refusal) == true }, "\(name): \(status.refused)") }
        #expect(status.satisfied == (counted.count >= 2), "\(name)")
        #expect(status.refused.count == signers.count - counted.count, "\(name)")
    }

    @Test func anotherCommitsApprovalOrAnotherRefNeverReachesVerification() {
        let analysis = ReportCoreFixtures.analysis(0xabc, kind: .aiAssisted)
        let note = [
            Approval(commit: Self.other, ref: nil, time: 1, signature: "QQ==").line,
            Approval(commit: Self.commit, ref: "refs/heads/dev", time: 2, signature: "QQ==").line,
            "a comment someone wrote",
        ].joined(separator: "\n")
        var verified = 0
        let status = ApprovalRules.status(
            requirement: ApprovalRequirement(count: 1, from: .low), note: note, commit: analysis.commit, ref: "refs/heads/main",
            pusher: nil
        ) { _ in
            verified += 1
            return .success("bob@example.com")
        }
        #expect(verified == 0)
        #expect(status.approvers.isEmpty)
        #expect(status.refused.map { $0.reason ?? "" }.joined(separator: "|").contains("not this one"))
        #expect(status.refused.map { $0.reason ?? "" }.joined(separator: "|").contains("for refs/heads/dev, not refs/heads/main"))
    }

    @Test func unavailableVerificationBlocksWithTheReason() {
        let analysis = ReportCoreFixtures.analysis(0xabc, kind: .aiAssisted)
        let status = ApprovalRules.status(
            requirement: ApprovalRequirement(count: 1, from: .low),
            note: Approval(commit: Self.commit, ref: nil, time: 1, signature: "QQ==").line, commit: analysis.commit,
            ref: "refs/heads/main", pusher: nil
        ) { _ in .failure(.unavailable("ssh-keygen was not found")) }
        #expect(!status.satisfied)
        #expect(status.problem == "ssh-keygen was not found")
    }

    @Test(arguments: [
        (Authorship.Kind.aiAssisted, true, true),
        (.human, true, false),
        (.human, false, true),
    ])
    func appliesToAICommitsAtOrAboveTheLevel(_ kind: Authorship.Kind, _ aiOnly: Bool, _ expected: Bool) {
        let analysis = ReportCoreFixtures.analysis(1, kind: kind)
        #expect(ApprovalRules.applies(ApprovalRequirement(count: 1, from: .low, aiOnly: aiOnly), to: analysis) == expected)
        #expect(!ApprovalRules.applies(ApprovalRequirement(count: 1, from: .critical, aiOnly: aiOnly), to: analysis))
    }
}
