import Testing

@testable import Tabular

/// Law: the blocked all-pairs Pearson kernel agrees with the two-pass formula on each pair's shared
/// rows, whatever the row count (partial blocks), the missing values and the thread count.
@Suite struct PairwisePearsonTests {
    @Test(arguments: [(0, 1), (1, 2), (3, 1), (511, 2), (512, 1), (1500, 2), (5000, 3)])
    func agreesWithTwoPassFormula(_ rows: Int, _ threads: Int) {
        var generator = SeededGenerator(seed: UInt64(rows * 10 + threads))
        let base = (0..<rows).map { _ in Double.random(in: -1...1, using: &generator) }
        let columns: [[Double]] = [
            base.map { 1e6 + $0 },  // large offset: centring must keep precision
            base.map { 3 * $0 + Double.random(in: -0.5...0.5, using: &generator) },
            base.map { _ in Double.random(in: 0...1, using: &generator) < 0.2 ? .nan : Double.random(in: -5...5, using: &generator) },
            base.map { Double.random(in: 0...1, using: &generator) < 0.5 ? .nan : -$0 },
            [Double](repeating: 7, count: rows),  // no spread
            [Double](repeating: .nan, count: rows),  // nothing present
        ]
        let p = columns.count
        let result = PairwisePearson.matrix(columns, threads: threads)
        for i in 0..<p {
            for j in (i + 1)..<p {
                let (expected, shared) = Self.twoPass(columns[i], columns[j])
                #expect(result.rows[i * p + j] == shared, "rows of (\(i), \(j))")
                switch (result.r[i * p + j], expected) {
                case (let r?, let e?): #expect(abs(r - e) < 1e-10, "r of (\(i), \(j)): \(r) vs \(e)")
                case (nil, nil): break
                case (let r, let e): Issue.record("r of (\(i), \(j)): \(String(describing: r)) vs \(String(describing: e))")
                }
            }
        }
    }

    private static func twoPass(_ x: [Double], _ y: [Double]) -> (Double?, Int) {
        let shared = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        guard shared.count >= 2 else { return (nil, shared.count) }
        let mx = shared.reduce(0) { $0 + x[$1] } / Double(shared.count)
        let my = shared.reduce(0) { $0 + y[$1] } / Double(shared.count)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for k in shared {
            sxx += (x[k] - mx) * (x[k] - mx)
            syy += (y[k] - my) * (y[k] - my)
            sxy += (x[k] - mx) * (y[k] - my)
        }
        guard sxx > 0, syy > 0 else { return (nil, shared.count) }
        return (sxy / (sxx * syy).squareRoot(), shared.count)
    }
}

/// The correlation ratio η against a hand computation and against its within-group definition.
@Suite struct CorrelationRatioTests {
    /// Groups {1, 2, 3} and {4, 5, 6}: between = 3·1.5² + 3·1.5² = 13.5, total = 17.5, η = √(13.5/17.5).
    /// A missing value and a missing code leave their rows out.
    @Test func matchesAHandComputation() throws {
        let (eta, rows) = CorrelationKernels.correlationRatio(
            [1, 2, 3, .nan, 4, 5, 6, 100], codes: [0, 0, 0, 1, 1, 1, 1, Column.missingCode], levels: 3)
        #expect(rows == 6)
        #expect(abs(try #require(eta) - (13.5 / 17.5).squareRoot()) < 1e-15)
        #expect(CorrelationKernels.correlationRatio([2, 2, 2], codes: [0, 1, 1], levels: 2).eta == nil)
        #expect(CorrelationKernels.correlationRatio([2, .nan], codes: [0, 1], levels: 2).eta == nil)
    }

    /// Law: η² = 1 − Σ(y − ȳ_group)² / Σ(y − ȳ)².
    @Test func agreesWithTheWithinGroupDefinition() throws {
        var generator = SeededGenerator(seed: 5)
        for levels in [2, 3, 17] {
            let codes = (0..<2000).map { _ in UInt32.random(in: 0..<UInt32(levels), using: &generator) }
            let y = codes.map { Double($0) * 0.3 + Double.random(in: -1...1, using: &generator) + 1e4 }
            var sums = [Double](repeating: 0, count: levels)
            var counts = sums
            for (value, code) in zip(y, codes) {
                sums[Int(code)] += value
                counts[Int(code)] += 1
            }
            let mean = y.reduce(0, +) / Double(y.count)
            let within = zip(y, codes).reduce(0.0) { partial, pair in
                let d = pair.0 - sums[Int(pair.1)] / counts[Int(pair.1)]
                return partial + d * d
            }
            let all = y.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
            let eta = try #require(CorrelationKernels.correlationRatio(y, codes: codes, levels: levels).eta)
            #expect(abs(eta - (1 - within / all).squareRoot()) < 1e-9, "levels \(levels)")
        }
    }
}
