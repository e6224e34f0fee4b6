import Foundation
import RiskgateAudit
import Testing

@Suite("Rotation keeps the chain across files")
struct AuditRotationTests {
    @Test("a rotated log verifies across files, oldest first, and alone from its marker")
    func acrossFiles() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let log = AuditLog(path: path)
        let before = try AuditFixtures.log(at: path, count: 3)
        let rotation = try log.rotate(time: AuditTime(secondsSinceEpoch: 1_795_100_000), toolVersion: "0.1.0")
        #expect(rotation.archivePath == folder.file("audit-20261119T145320Z.jsonl"))
        #expect(rotation.marker.seq == 4)
        #expect(rotation.marker.prev == before[2].hash)
        #expect(rotation.marker.continues == "audit-20261119T145320Z.jsonl")
        #expect(try AuditFixtures.lines(rotation.archivePath).count == 3)
        #expect(try AuditFixtures.mode(path) == 0o640)

        let after = try (4...5).map { try log.append(AuditFixtures.draft($0)) }
        #expect(after.map(\.seq) == [5, 6])
        #expect(after[0].prev == rotation.marker.hash)

        let both = try AuditVerifier.verify(paths: [rotation.archivePath, path])
        #expect(both.isIntact)
        #expect(both.notes.isEmpty)
        #expect(both.head == AuditHead(seq: 6, hash: after[1].hash))
        #expect(both.records == 6)

        let alone = try AuditVerifier.verify(paths: [path])
        #expect(alone.isIntact)
        #expect(alone.notes == [
            "\(path):1: the chain continues from audit-20261119T145320Z.jsonl (entry #3); give that file first to check the link"
        ])

        #expect(try AuditListing.read(paths: [rotation.archivePath, path]).entries.map(\.seq) == [1, 2, 3, 5, 6])
    }

    @Test("three generations chain, and each broken link is found")
    func generations() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let log = AuditLog(path: path)
        var archives: [String] = []
        for generation in 0..<3 {
            for number in 1...2 { try log.append(AuditFixtures.draft(generation * 10 + number)) }
            archives.append(
                try log.rotate(
                    archivePath: folder.file("audit.\(generation).jsonl"),
                    time: AuditTime(secondsSinceEpoch: 1_795_000_000 + generation), toolVersion: "0.1.0"
                ).archivePath)
        }
        try log.append(AuditFixtures.draft(99))
        let ordered = archives + [path]
        #expect(try AuditVerifier.verify(paths: ordered).isIntact)
        #expect(try AuditVerifier.verify(paths: ordered).head?.seq == 10)

        // Out of order: the second archive given before the first.
        let swapped = [archives[1], archives[0], archives[2], path]
        let result = try AuditVerifier.verify(paths: swapped)
        #expect(result.problems.map(\.description) == [
            "\(archives[0]):1: entry #1 does not continue \(archives[1]) (which ends at entry #5): files given in the wrong order, or entries removed between them"
        ])

        // A middle archive missing.
        let gap = try AuditVerifier.verify(paths: [archives[0], archives[2], path])
        #expect(gap.problems.map(\.description) == [
            "\(archives[2]):1: entry #6 does not continue \(archives[0]) (which ends at entry #2): files given in the wrong order, or entries removed between them"
        ])
    }

    @Test("rotating refuses an empty or missing log and an existing archive")
    func refusals() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let log = AuditLog(path: path)
        let time = AuditTime(secondsSinceEpoch: 1_795_000_000)
        #expect(throws: AuditError.missingFile(path: path)) { try log.rotate(time: time, toolVersion: "0.1.0") }
        try AuditFixtures.log(at: path, count: 1)
        try AuditFixtures.write(["x"], to: folder.file("taken.jsonl"))
        #expect(throws: AuditError.self) { try log.rotate(archivePath: folder.file("taken.jsonl"), time: time, toolVersion: "0.1.0") }
        #expect(try AuditFixtures.lines(path).count == 1)
        #expect(try AuditVerifier.verify(paths: [path]).isIntact)
    }

    @Test("riskgate audit rotate on the command line")
    func commandLine() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.jsonl")
        let entries = try AuditFixtures.log(at: path, count: 2)
        let archive = folder.file("old.jsonl")
        chmod(path, 0o660)
        let result = try RiskgateBinaryRunner.audit(["rotate", "--path", path, "--archive", archive])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "archived \(archive) (up to entry #2); \(path) continues the chain from \(entries[1].hash)\n")
        #expect(try AuditFixtures.mode(path) == 0o660)
        let verify = try RiskgateBinaryRunner.audit(["verify", archive, path])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("audit log intact: 3 records in 2 files, head #3 "))
    }
}
