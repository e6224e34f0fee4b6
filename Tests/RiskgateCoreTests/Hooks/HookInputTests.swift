import RiskgateCore
import Testing

/// git's hook stdin contracts, parsed strictly: every malformed line is an error, never a silent pass.
struct HookInputTests {
    static let a = "1111111111111111111111111111111111111111"
    static let b = "2222222222222222222222222222222222222222"
    static let zero40 = String(repeating: "0", count: 40)
    static let zero64 = String(repeating: "0", count: 64)

    @Test func emptyInputIsNoUpdates() throws {
        #expect(try HookInput.parsePrePush("").isEmpty)
        #expect(try HookInput.parsePreReceive("").isEmpty)
    }

    @Test func prePushReadsEveryLine() throws {
        let text = """
            refs/heads/main \(Self.b) refs/heads/main \(Self.a)
            refs/heads/new \(Self.a) refs/heads/new \(Self.zero40)
            (delete) \(Self.zero40) refs/heads/old \(Self.a)
            HEAD~1 \(Self.a) refs/heads/raw \(Self.zero64)

            """
        let updates = try HookInput.parsePrePush(text)
        #expect(updates.count == 4)
        #expect(updates[0] == RefUpdate(ref: "refs/heads/main", old: ObjectID(hex: Self.a)!, new: ObjectID(hex: Self.b)!, localRef: "refs/heads/main"))
        #expect(updates[1].isCreation)
        #expect(updates[2].isDeletion && updates[2].localRef == "(delete)")
        #expect(updates[3].old.isZero && updates[3].localRef == "HEAD~1")
    }

    @Test func preReceiveReadsEveryLine() throws {
        let text = "\(Self.a) \(Self.b) refs/heads/main\n\(Self.zero40) \(Self.a) refs/tags/v1\n\(Self.b) \(Self.zero64) refs/heads/gone\n"
        let updates = try HookInput.parsePreReceive(text)
        #expect(updates.map(\.ref) == ["refs/heads/main", "refs/tags/v1", "refs/heads/gone"])
        #expect(updates[1].isCreation && updates[1].namespace == .tag)
        #expect(updates[2].isDeletion)
    }

    @Test(arguments: [
        ("\(a) \(b) refs/heads/main", "does not end with a newline"),
        ("\(a) \(b)\n", "expected 3 fields"),
        ("\(a)  \(b) refs/heads/main\n", "expected 3 fields"),
        ("\(a) \(b) refs/heads/main extra\n", "expected 3 fields"),
        ("\n", "empty line"),
        ("\(a) \(b) refs/heads/main\n\n", "empty line"),
        ("\(a) \(b) main\n", "not a full ref name"),
        ("\(a) xyz refs/heads/main\n", "is not an object id"),
        ("\(a) \(String(a.prefix(39))) refs/heads/main\n", "is not an object id"),
        ("\(zero40) \(zero40) refs/heads/main\n", "both all zeros"),
        ("\(a) \(String(repeating: "ab", count: 32)) refs/heads/main\n", "SHA-256"),
        ("\(a) \(b) refs/heads/main\r\n", "control character"),
        ("++ \(a) \(b) refs/heads/main\n", "expected 3 fields"),
    ])
    func preReceiveRejectsMalformedLines(input: String, reason: String) {
        #expect {
            try HookInput.parsePreReceive(input)
        } throws: { error in
            (error as? HookInputError)?.description.contains(reason) == true
        }
    }

    @Test(arguments: [
        ("refs/heads/main \(a) refs/heads/main\n", "expected 4 fields"),
        ("(delete) \(a) refs/heads/x \(b)\n", "(delete) line must carry the all-zero"),
        ("refs/heads/x \(zero40) refs/heads/x \(b)\n", "only valid with (delete)"),
        ("refs/heads/x \(a) x \(b)\n", "not a full ref name"),
        ("refs/heads/x \(a) refs/heads/x \(b)\nrefs/heads/y \(a) refs/heads/y zz\n", "input line 2"),
    ])
    func prePushRejectsMalformedLines(input: String, reason: String) {
        #expect {
            try HookInput.parsePrePush(input)
        } throws: { error in
            (error as? HookInputError)?.description.contains(reason) == true
        }
    }

    @Test func updateArguments() throws {
        let update = try HookInput.parseUpdate(["refs/heads/main", Self.a, Self.b])
        #expect(update.ref == "refs/heads/main" && !update.isCreation)
        #expect(throws: HookInputError.self) { try HookInput.parseUpdate(["refs/heads/main", Self.a]) }
        #expect(throws: HookInputError.self) { try HookInput.parseUpdate(["main", Self.a, Self.b]) }
    }

    @Test(arguments: [
        (zero40, true), (zero64, true), (String(repeating: "0", count: 39), false), ("", false),
        (a.uppercased(), true), ("g" + String(a.dropFirst()), false),
    ])
    func objectIDs(field: String, valid: Bool) {
        if case .id = HookInput.parseObjectID(field) {
            #expect(valid)
        } else {
            #expect(!valid)
        }
    }
}

/// pre-commit passes one pre-push ref through variables instead of stdin.
struct PreCommitVariablesTests {
    static let a = "1111111111111111111111111111111111111111"
    static let b = "2222222222222222222222222222222222222222"

    @Test func absentVariablesAreNil() throws {
        #expect(try HookInput.prePushFromPreCommit([:]) == nil)
    }

    @Test func oneRefFromVariables() throws {
        let updates = try HookInput.prePushFromPreCommit([
            "PRE_COMMIT_TO_REF": Self.b, "PRE_COMMIT_FROM_REF": Self.a, "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
            "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main",
        ])
        #expect(updates == [RefUpdate(ref: "refs/heads/main", old: ObjectID(hex: Self.a)!, new: ObjectID(hex: Self.b)!, localRef: "refs/heads/main")])
        let root = try HookInput.prePushFromPreCommit(["PRE_COMMIT_TO_REF": Self.b, "PRE_COMMIT_REMOTE_BRANCH": "topic"])
        #expect(root?.first?.ref == "refs/heads/topic" && root?.first?.isCreation == true)
    }

    @Test func badVariablesAreErrors() {
        #expect(throws: HookInputError.self) { try HookInput.prePushFromPreCommit(["PRE_COMMIT_TO_REF": Self.b]) }
        #expect(throws: HookInputError.self) {
            try HookInput.prePushFromPreCommit(["PRE_COMMIT_TO_REF": "HEAD", "PRE_COMMIT_REMOTE_BRANCH": "main"])
        }
    }
}
