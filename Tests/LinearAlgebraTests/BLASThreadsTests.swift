import Testing

@testable import LinearAlgebra

/// BLAS gives the same products with one thread or several.
/// (``BLASThreads/stopIdleWorkers()`` must not run beside other BLAS work, as tests here do: the
/// CLI tests cover it, through `automl profile`.)
@Suite(.serialized) struct BLASThreadsTests {
    /// A product big enough for OpenBLAS to split across threads, and its value by plain loops.
    static func product() throws -> (Matrix, Matrix) {
        let n = 200
        let a = Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { Double(($0 * 37) % 101) / 50 - 1 })
        let b = Matrix(rows: n, columns: n, columnMajor: (0..<(n * n)).map { Double(($0 * 53) % 97) / 48 - 1 })
        var expected = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n {
                var sum = 0.0
                for k in 0..<n { sum += a[i, k] * b[k, j] }
                expected[i, j] = sum
            }
        }
        return (try a.multiplied(by: b), expected)
    }

    static func close(_ x: Matrix, _ y: Matrix) -> Bool {
        zip(x.values, y.values).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }
    }

    @Test func productsAreTheSameWithOneThreadOrSeveral() throws {
        let threads = BLASThreads.count
        defer { BLASThreads.set(threads) }
        let (first, expected) = try Self.product()
        #expect(Self.close(first, expected))
        BLASThreads.set(2)
        let single = BLASThreads.single { (try? Self.product().0).map { Self.close($0, expected) } ?? false }
        #expect(single)
        BLASThreads.set(1)
        #expect(Self.close(try Self.product().0, expected))
        BLASThreads.set(max(2, threads))
        #expect(Self.close(try Self.product().0, expected))
    }
}
