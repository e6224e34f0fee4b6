import RiskgateAudit
import Testing

@Suite("Audit times: RFC 3339 UTC, to the second")
struct AuditTimeTests {
    @Test(
        "formats seconds since the epoch",
        arguments: [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_000_000, "2026-11-18T11:06:40Z"),
            (1_798_761_599, "2026-12-31T23:59:59Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (4_107_542_400, "2100-03-01T00:00:00Z"),
        ])
    func formats(seconds: Int, text: String) {
        #expect(AuditTime(secondsSinceEpoch: seconds).description == text)
        #expect(AuditTime(parsing: text) == AuditTime(secondsSinceEpoch: seconds))
    }

    @Test(
        "reads what users type for --since and --until",
        arguments: [
            ("2026-11-18", 1_794_960_000),
            ("2026-11-18T11:06:40Z", 1_795_000_000),
            ("2026-11-18T11:06Z", 1_794_999_960),
            ("2026-11-18 11:06:40", 1_795_000_000),
            ("@1795000000", 1_795_000_000),
        ])
    func parses(text: String, seconds: Int) {
        #expect(AuditTime(parsing: text)?.secondsSinceEpoch == seconds)
    }

    @Test(
        "rejects what is not a time",
        arguments: ["", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-18T24:00:00Z", "2026-11-18X09:46",
                    "2026-11-18T9:46:40Z", "@x", "2026/11/18"])
    func rejects(text: String) {
        #expect(AuditTime(parsing: text) == nil)
    }
}
