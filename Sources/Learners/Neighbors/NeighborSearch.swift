import LinearAlgebra
import Tabular

/// The k nearest training rows of every query row, by brute force: squared distances
/// ‖q‖² + ‖x‖² − 2 q·x, with the q·x of a block of queries against a tile of training rows from
/// one BLAS `gemm`, then a running top-k per query (measured: the product is most of the work
/// on 50 features; the top-k pass rejects almost every candidate with one comparison).
struct NeighborSearch {
    /// Training rows, column-major `rowCount × columns`.
    let training: UnsafePointer<Double>
    let rowCount: Int
    let columns: Int
    let k: Int

    /// Query rows per block and training rows per tile: the product tile (tile × block doubles,
    /// 4 MB) stays in L2/L3 while the top-k pass reads it.
    static let blockRows = 128
    static let tileRows = 4096

    /// For each of `queryCount` rows of `queries` (column-major), the indices of its k nearest
    /// training rows and their squared distances, nearest first (`k` per query, row-major). Blocks
    /// not yet started when `token` is cancelled are skipped (the caller then throws): a search of
    /// 160,000 queries among 640,000 rows ran 5 minutes past a trial's time limit.
    func nearest(
        _ queries: UnsafePointer<Double>, queryCount m: Int, threads: Int, token: CancellationToken? = nil
    ) -> (indices: [Int32], distances: [Double]) {
        var indices = [Int32](repeating: 0, count: m * k)
        var distances = [Double](repeating: 0, count: m * k)
        let norms = Self.squaredNorms(training, rows: rowCount, columns: columns)
        let queryNorms = Self.squaredNorms(queries, rows: m, columns: columns)
        let blocks = (m + Self.blockRows - 1) / Self.blockRows
        let shared = UncheckedSendable((self, queries, norms, queryNorms))
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                let output = UncheckedSendable((indexBuffer, distanceBuffer))
                ParallelLoop.forEach(blocks, threads: threads) { block in
                    if token?.isCancelled == true { return }
                    let (search, queries, norms, queryNorms) = shared.value
                    let rows = (block * Self.blockRows)..<min(m, (block + 1) * Self.blockRows)
                    search.searchBlock(
                        queries: queries, queryCount: m, rows: rows, norms: norms, queryNorms: queryNorms,
                        indices: output.value.0.baseAddress.unsafelyUnwrapped + rows.lowerBound * search.k,
                        distances: output.value.1.baseAddress.unsafelyUnwrapped + rows.lowerBound * search.k)
                }
            }
        }
        return (indices, distances)
    }

    private func searchBlock(
        queries: UnsafePointer<Double>, queryCount m: Int, rows: Range<Int>, norms: [Double], queryNorms: [Double],
        indices: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Double>
    ) {
        let qb = rows.count
        let product = UnsafeMutablePointer<Double>.allocate(capacity: Self.tileRows * qb)
        defer { product.deallocate() }
        // Running top-k per query: distances ascending, without the query's own ‖q‖² until the end.
        distances.update(repeating: .infinity, count: qb * k)
        indices.update(repeating: -1, count: qb * k)
        let queryBlock = MatrixProduct.Block(queries + rows.lowerBound, rows: qb, columns: columns, leadingDimension: max(1, m))
        var tileStart = 0
        while tileStart < rowCount {
            let tb = min(Self.tileRows, rowCount - tileStart)
            let tile = MatrixProduct.Block(training + tileStart, rows: tb, columns: columns, leadingDimension: max(1, rowCount))
            // product (tb × qb) = tile · queryBlockᵀ: each query's dot products are contiguous.
            MatrixProduct.multiply(tile, queryBlock, transposingB: true, into: product, ldc: tb)
            norms.withUnsafeBufferPointer { norms in
                for q in 0..<qb {
                    let dots = product + q * tb
                    let best = distances + q * k
                    let bestIndex = indices + q * k
                    var worst = best[k - 1]
                    for t in 0..<tb {
                        let d = norms[tileStart + t] - 2 * dots[t]
                        guard d < worst else { continue }
                        var slot = k - 1
                        while slot > 0, best[slot - 1] > d {
                            best[slot] = best[slot - 1]
                            bestIndex[slot] = bestIndex[slot - 1]
                            slot -= 1
                        }
                        best[slot] = d
                        bestIndex[slot] = Int32(tileStart + t)
                        worst = best[k - 1]
                    }
                }
            }
            tileStart += tb
        }
        for q in 0..<qb {
            for slot in 0..<k { distances[q * k + slot] = max(0, distances[q * k + slot] + queryNorms[rows.lowerBound + q]) }
        }
    }

    /// ‖row‖² of every row of a column-major matrix.
    static func squaredNorms(_ values: UnsafePointer<Double>, rows: Int, columns: Int) -> [Double] {
        var norms = [Double](repeating: 0, count: rows)
        for j in 0..<columns {
            let column = values + j * rows
            for i in 0..<rows { norms[i] += column[i] * column[i] }
        }
        return norms
    }
}
