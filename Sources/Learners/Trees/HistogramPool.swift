import Tabular

/// Reusable histogram buffers, so growing a tree allocates (and page-faults) none after the first.
final class HistogramPool {
    private let slots: Int
    private var free: [UnsafeMutablePointer<SIMD2<Double>>] = []
    private var all: [UnsafeMutablePointer<SIMD2<Double>>] = []

    init(slots: Int) {
        self.slots = slots
    }

    deinit {
        for buffer in all { buffer.deallocate() }
    }

    func take() -> UnsafeMutablePointer<SIMD2<Double>> {
        if let buffer = free.popLast() { return buffer }
        let buffer = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: slots)
        buffer.initialize(repeating: .zero, count: slots)
        all.append(buffer)
        return buffer
    }

    func give(_ buffer: UnsafeMutablePointer<SIMD2<Double>>) {
        free.append(buffer)
    }
}
