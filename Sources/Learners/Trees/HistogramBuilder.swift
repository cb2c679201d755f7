import Tabular

/// Builds node histograms on several threads: each thread sums a share of the rows into its own
/// scratch histogram, and the shares are added up.
final class HistogramBuilder: @unchecked Sendable {
    let columns: Int
    let threads: Int
    private let scratch: [UnsafeMutablePointer<SIMD2<Double>>]
    /// Below this many rows one thread does it all (spreading costs more than it saves).
    static let parallelThreshold = 8192

    var slotCount: Int { columns * HistogramKernel.slots }

    init(columns: Int, threads: Int) {
        self.columns = columns
        self.threads = max(1, threads)
        let slots = columns * HistogramKernel.slots
        scratch = (0..<max(1, threads)).map { _ in
            let buffer = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: slots)
            buffer.initialize(repeating: .zero, count: slots)
            return buffer
        }
    }

    deinit {
        for buffer in scratch { buffer.deallocate() }
    }

    /// The histogram of `rows`, written into `histogram` (`slotCount` slots, overwritten).
    func build(
        into histogram: UnsafeMutablePointer<SIMD2<Double>>, bins: UnsafePointer<UInt8>,
        gradients: UnsafePointer<SIMD2<Double>>, rows: UnsafeBufferPointer<Int32>
    ) {
        let slots = slotCount
        histogram.update(repeating: .zero, count: slots)
        let workers = rows.count >= Self.parallelThreshold ? threads : 1
        if workers == 1 {
            HistogramKernel.accumulate(into: histogram, bins: bins, columns: columns, gradients: gradients, rows: rows)
            return
        }
        let shared = UncheckedSendable((bins, gradients, rows, scratch, columns))
        ParallelLoop.forEach(workers, threads: workers) { worker in
            let (bins, gradients, rows, scratch, columns) = shared.value
            let share = (rows.count + workers - 1) / workers
            let start = min(rows.count, worker * share)
            let end = min(rows.count, start + share)
            let part = UnsafeBufferPointer(rebasing: rows[start..<end])
            scratch[worker].update(repeating: .zero, count: columns * HistogramKernel.slots)
            HistogramKernel.accumulate(into: scratch[worker], bins: bins, columns: columns, gradients: gradients, rows: part)
        }
        for worker in 0..<workers {
            let part = scratch[worker]
            for k in 0..<slots { histogram[k] += part[k] }
        }
    }
}
