import Foundation
import RiskgateCore
import RiskgateReporting
import Testing

/// The suspects ranking of the report fixtures, as the on-call engineer sees it.
struct SuspectsReportTests {
    static func report() -> SuspectsReport {
        var ranking = SuspectRanking(incidentTime: ReportFixtures.incidentTime, limit: 5)
        for analysis in ReportFixtures.commits { ranking.add(analysis) }
        return SuspectsReport(
            revisions: ["HEAD"], window: TimeWindow(since: ReportFixtures.incidentTime - 2 * 86_400, until: ReportFixtures.incidentTime),
            paths: [], considered: ranking.considered, suspects: ranking.ranked)
    }

    @Test func textMatchesGoldenFile() throws {
        try Golden.check(Self.report().text(), "suspects.txt")
    }

    @Test func jsonMatchesGoldenFile() throws {
        let json = Self.report().json()
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        try Golden.check(json, "suspects.json")
    }

    @Test func theAIInfrastructureChangeJustBeforeTheIncidentLeads() {
        let suspects = Self.report().suspects
        #expect(suspects.first?.analysis.commit.id == ReportFixtures.id("b"))
        #expect(suspects.count == 5)
        let text = Self.report().text()
        #expect(!text.contains("\u{1B}"))
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }
}
