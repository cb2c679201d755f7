import Tabular

/// Gradient/hessian histograms: for every feature and bin, Σg and Σh over a node's rows.
///
/// Layout: `(feature << 8 | bin)` indexes a `SIMD2<Double>` (g, h), 256 slots per feature with the
/// missing bin last. A sibling's histogram is the parent's minus the built child's (histogram
/// subtraction), so each split builds only the smaller child.
///
/// Measured reason for unsafe pointers: the inner loop runs once per row and feature (1M × 50 per
/// node level); DESIGN's measurement on this machine kind put the unchecked-buffer form at ~0.9 ns
/// per row-feature, and array bounds checks on three arrays per step cost about twice that.
enum HistogramKernel {
    /// Slots per feature.
    static let slots = 256

    /// Adds the (g, h) of `rows` into `histogram` (not cleared first).
    static func accumulate(
        into histogram: UnsafeMutablePointer<SIMD2<Double>>, bins: UnsafePointer<UInt8>, columns p: Int,
        gradients: UnsafePointer<SIMD2<Double>>, rows: UnsafeBufferPointer<Int32>
    ) {
        for r in rows {
            let row = Int(r)
            let gh = gradients[row]
            let binRow = bins + row * p
            var j = 0
            // Four features per step: independent adds the CPU can overlap.
            while j + 4 <= p {
                histogram[(j << 8) | Int(binRow[j])] += gh
                histogram[((j + 1) << 8) | Int(binRow[j + 1])] += gh
                histogram[((j + 2) << 8) | Int(binRow[j + 2])] += gh
                histogram[((j + 3) << 8) | Int(binRow[j + 3])] += gh
                j += 4
            }
            while j < p {
                histogram[(j << 8) | Int(binRow[j])] += gh
                j += 1
            }
        }
    }

    /// `parent - child` into `result`, slot by slot.
    static func subtract(
        _ parent: UnsafePointer<SIMD2<Double>>, _ child: UnsafePointer<SIMD2<Double>>,
        into result: UnsafeMutablePointer<SIMD2<Double>>, count: Int
    ) {
        for k in 0..<count { result[k] = parent[k] - child[k] }
    }
}
