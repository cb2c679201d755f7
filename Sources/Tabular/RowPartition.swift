/// Seeded ways to divide row positions `0..<count` into training and validation parts.
///
/// Every function is deterministic for a given seed and never depends on dictionary order.
public enum RowPartition {
    /// One division of rows: the rows to fit on and the rows to score on, each in ascending order.
    public struct Fold: Sendable, Equatable {
        public var training: [Int]
        public var validation: [Int]

        public init(training: [Int], validation: [Int]) {
            self.training = training
            self.validation = validation
        }
    }

    /// A random holdout of `round(testFraction · count)` rows; with `strata`, each stratum
    /// contributes in proportion to its size (largest remainders get the rounding).
    /// `rows` in two halves of near-equal size and balance: within each stratum, rows alternate
    /// between the halves in the given order.
    public static func alternatingHalves(_ rows: [Int], stratum: (Int) -> Int) -> [[Int]] {
        var halves: [[Int]] = [[], []]
        var next: [Int: Int] = [:]
        for row in rows {
            let key = stratum(row)
            let half = next[key] ?? 0
            halves[half].append(row)
            next[key] = 1 - half
        }
        return halves
    }

    public static func holdout(count: Int, testFraction: Double, seed: UInt64, strata: [Int]? = nil) throws(TabularError) -> Fold {
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidSplit(reason: "the test fraction must be between 0 and 1 (got \(testFraction)).")
        }
        let testCount = Int((testFraction * Double(count)).rounded())
        guard testCount >= 1, testCount < count else {
            throw .invalidSplit(
                reason: "\(count) rows leave no rows for training or testing at fraction \(testFraction); use more rows or another fraction.")
        }
        var generator = SeededGenerator(seed: seed)
        var test: [Int] = []
        if let strata {
            precondition(strata.count == count, "one stratum per row")
            let groups = groupsByStratum(strata).map { $0.shuffled(using: &generator) }
            let exact = groups.map { Double($0.count) * testFraction }
            var quotas = exact.map { Int($0.rounded(.down)) }
            let remainderOrder = groups.indices.sorted { (exact[$0] - Double(quotas[$0]), -$0) > (exact[$1] - Double(quotas[$1]), -$1) }
            var missing = testCount - quotas.reduce(0, +)
            for g in remainderOrder where missing > 0 && quotas[g] < groups[g].count {
                quotas[g] += 1
                missing -= 1
            }
            for (g, group) in groups.enumerated() { test.append(contentsOf: group.prefix(quotas[g])) }
        } else {
            test = Array(Array(0..<count).shuffled(using: &generator).prefix(testCount))
        }
        return fold(validation: test, count: count)
    }

    /// `k` folds of nearly equal size over shuffled rows; every row is validated exactly once.
    public static func kFold(count: Int, k: Int, seed: UInt64) throws(TabularError) -> [Fold] {
        try checkFoldCount(k, count: count)
        var generator = SeededGenerator(seed: seed)
        let order = Array(0..<count).shuffled(using: &generator)
        var parts = [[Int]](repeating: [], count: k)
        for (position, row) in order.enumerated() { parts[position % k].append(row) }
        return parts.map { fold(validation: $0, count: count) }
    }

    /// `k` folds in which each stratum (class) is spread as evenly as possible: its shuffled rows
    /// are dealt to the folds in turn, continuing where the previous stratum stopped.
    public static func stratifiedKFold(strata: [Int], k: Int, seed: UInt64) throws(TabularError) -> [Fold] {
        let count = strata.count
        try checkFoldCount(k, count: count)
        var generator = SeededGenerator(seed: seed)
        var parts = [[Int]](repeating: [], count: k)
        var next = 0
        for group in groupsByStratum(strata) {
            for row in group.shuffled(using: &generator) {
                parts[next].append(row)
                next = (next + 1) % k
            }
        }
        return parts.map { fold(validation: $0, count: count) }
    }

    private static func checkFoldCount(_ k: Int, count: Int) throws(TabularError) {
        guard k >= 2 else { throw .invalidSplit(reason: "cross-validation needs at least 2 folds (got \(k)).") }
        guard k <= count else { throw .invalidSplit(reason: "\(k) folds need at least \(k) rows, but there are \(count). Use fewer folds.") }
    }

    /// Rows grouped by stratum, groups in ascending stratum order, rows ascending.
    private static func groupsByStratum(_ strata: [Int]) -> [[Int]] {
        var groups: [Int: [Int]] = [:]
        for (row, stratum) in strata.enumerated() { groups[stratum, default: []].append(row) }
        return groups.keys.sorted().map { groups[$0] ?? [] }
    }

    private static func fold(validation: [Int], count: Int) -> Fold {
        var isValidation = [Bool](repeating: false, count: count)
        for row in validation { isValidation[row] = true }
        return Fold(training: (0..<count).filter { !isValidation[$0] }, validation: validation.sorted())
    }
}
