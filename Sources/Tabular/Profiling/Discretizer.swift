/// Turns any column into small integer codes, for counting-based association measures.
///
/// Numeric columns with few distinct values keep one code per value; others are cut into
/// equal-frequency bins at quantile edges. Label columns keep their codes. Missing values get the
/// last code, so missingness itself can carry information.
struct Discretizer {
    /// Codes 0..<levelCount, one per row.
    var codes: [UInt32]
    var levelCount: Int

    /// Discretizes `column` into at most `bins` value bins (plus one for missing).
    init(_ column: Column, bins: Int) {
        if column.isNumeric {
            self.init(numbers: column.numbers, bins: bins)
        } else {
            let levels = column.levels.count
            self.init(codes: column.codes.map { $0 == Column.missingCode ? UInt32(levels) : $0 }, levelCount: levels + 1)
        }
    }

    init(codes: [UInt32], levelCount: Int) {
        self.codes = codes
        self.levelCount = levelCount
    }

    init(numbers values: [Double], bins: Int) {
        var sorted = values.filter { !$0.isNaN }
        sorted.sort()
        var distinct: [Double] = []
        for x in sorted where distinct.last != x {
            distinct.append(x)
            if distinct.count > bins { break }
        }
        let edges: [Double]
        if distinct.count <= bins {
            // One bin per value: edges are the values themselves; a value's code is its rank.
            edges = distinct
        } else {
            var cuts: [Double] = []
            for k in 1..<bins {
                let edge = NumericStatistics.quantile(sorted, Double(k) / Double(bins))
                if cuts.last != edge { cuts.append(edge) }
            }
            edges = cuts
        }
        let exact = distinct.count <= bins
        let missing = UInt32(exact ? edges.count : edges.count + 1)
        let codes = values.map { x in
            if x.isNaN { return missing }
            // Upper bound: the number of edges ≤ x (binary search).
            var low = 0
            var high = edges.count
            while low < high {
                let mid = (low + high) / 2
                if edges[mid] <= x { low = mid + 1 } else { high = mid }
            }
            return UInt32(exact ? low - 1 : low)
        }
        self.init(codes: codes, levelCount: Int(missing) + 1)
    }
}
