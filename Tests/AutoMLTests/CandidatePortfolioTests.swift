import AutoML
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

/// The search's starting points: every candidate's initial assignment, then its algorithm's
/// portfolio settings, all valid points of the joint space.
@Suite struct CandidatePortfolioTests {
    @Test func portfolioStartsAreValidJointPointsWithTheirSettings() throws {
        let table = try CSVReader().read(Fixtures.sharedDataset("penguins_train")).table
        let exploration = try Exploration(table: table, source: "penguins", profiler: Profiler(target: "species", threads: 2))
        let candidates = try CandidateGenerator.candidates(
            plans: exploration.plans, task: .multiclass, rows: table.rowCount, columns: table.columnCount - 1)
        let space = CandidateGenerator.jointSpace(candidates)
        let gbdt = try #require(candidates.first { $0.algorithm == "gbdt" })
        let starts = CandidateGenerator.portfolioAssignments(of: gbdt, rows: 275, columns: 6, task: .multiclass)
        #expect(starts.count == 1)
        for start in starts {
            try space.validate(start)
            #expect(start["gbdt.eta"] == .real(0.1) && start["gbdt.num_round"] == .integer(200))
            #expect(start["gbdt.max_depth"] == CandidateGenerator.initialAssignment(of: gbdt)["gbdt.max_depth"])
        }
        // Algorithms without a portfolio add nothing.
        let linear = try #require(candidates.first { $0.algorithm == "linear" })
        #expect(CandidateGenerator.portfolioAssignments(of: linear, rows: 275, columns: 6, task: .multiclass).isEmpty)
    }
}
