/// Limited-memory BFGS (Nocedal 1980; Nocedal & Wright, *Numerical Optimization*, alg. 7.4/7.5):
/// minimizes a smooth function from its value and gradient, keeping the last `memory` steps to
/// approximate the inverse Hessian (two-loop recursion), with a backtracking line search on the
/// Armijo condition f(x + αd) ≤ f(x) + c·α·∇f·d, c = 1e-4.
public struct LBFGS: Sendable {
    /// How many recent steps approximate the inverse Hessian.
    public var memory = 10
    /// The most iterations (line searches) made.
    public var maxIterations = 500
    /// Stops when max |∇f| ≤ tolerance · max(1, |f|).
    public var tolerance = 1e-7
    /// Stops when a step lowers f by at most this fraction of max(1, |f|).
    public var minimumDecrease = 1e-12

    public init(memory: Int = 10, maxIterations: Int = 500, tolerance: Double = 1e-7, minimumDecrease: Double = 1e-12) {
        self.memory = memory
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.minimumDecrease = minimumDecrease
    }

    /// The minimizer found from `start`, and the iterations used.
    public func minimize(_ start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> (x: [Double], iterations: Int) {
        var x = start
        var (value, gradient) = objective(x)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var rhos: [Double] = []
        for iteration in 0..<maxIterations {
            if Self.maxAbs(gradient) <= tolerance * max(1, abs(value)) { return (x, iteration) }
            // Two-loop recursion: direction = −H∇f.
            var q = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[k] = rhos[k] * Self.dot(steps[k], q)
                Self.axpy(-alphas[k], changes[k], &q)
            }
            if let s = steps.last, let y = changes.last {
                let scale = Self.dot(s, y) / max(Self.dot(y, y), 1e-300)
                for i in q.indices { q[i] *= scale }
            } else {
                let norm = Self.dot(gradient, gradient).squareRoot()
                for i in q.indices { q[i] /= max(norm, 1) }
            }
            for k in 0..<steps.count {
                let beta = rhos[k] * Self.dot(changes[k], q)
                Self.axpy(alphas[k] - beta, steps[k], &q)
            }
            var direction = q.map { -$0 }
            var slope = Self.dot(gradient, direction)
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                steps.removeAll()
                changes.removeAll()
                rhos.removeAll()
                direction = gradient.map { -$0 }
                slope = -Self.dot(gradient, gradient)
            }
            var step = 1.0
            var accepted = false
            var next = x
            var nextValue = value
            var nextGradient = gradient
            for _ in 0..<40 {
                next = x
                Self.axpy(step, direction, &next)
                (nextValue, nextGradient) = objective(next)
                if nextValue.isFinite, nextValue <= value + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { return (x, iteration) }
            let s = zip(next, x).map { $0 - $1 }
            let y = zip(nextGradient, gradient).map { $0 - $1 }
            let sy = Self.dot(s, y)
            if sy > 1e-12 {
                steps.append(s)
                changes.append(y)
                rhos.append(1 / sy)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    rhos.removeFirst()
                }
            }
            let decrease = value - nextValue
            x = next
            value = nextValue
            gradient = nextGradient
            if decrease <= minimumDecrease * max(1, abs(value)) { return (x, iteration + 1) }
        }
        return (x, maxIterations)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        for i in y.indices { y[i] += alpha * x[i] }
    }

    static func maxAbs(_ values: [Double]) -> Double {
        values.reduce(0) { max($0, abs($1)) }
    }
}
