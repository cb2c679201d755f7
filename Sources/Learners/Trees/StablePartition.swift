/// Reorders `rows[range]` so the rows `goesLeft` accepts come first, each side in its old order
/// (rows stay ascending, so later reads of their values stay close to sequential); returns where
/// the right side starts. `scratch` holds the right side meanwhile (at least `range.count` long).
@inline(__always)
func stablePartition(
    _ rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>, range: Range<Int>,
    goesLeft: (Int32) -> Bool
) -> Int {
    var leftEnd = range.lowerBound
    var rightCount = 0
    for k in range {
        let row = rows[k]
        if goesLeft(row) {
            rows[leftEnd] = row
            leftEnd += 1
        } else {
            scratch[rightCount] = row
            rightCount += 1
        }
    }
    for k in 0..<rightCount { rows[leftEnd + k] = scratch[k] }
    return leftEnd
}
