import Foundation

/// Metrics of predicted values against true ones (scikit-learn's definitions).
///
/// RMSE = √(mean (y − ŷ)²); MAE = mean |y − ŷ|; R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 for a perfect
/// fit of a constant target, 0 for an imperfect one); MAPE = mean |y − ŷ| / max(|y|, ε) with
/// ε = 2.2e-16, a fraction (not percent). With row weights every mean and sum is weighted (ȳ too).
public enum RegressionMetrics {
    public static func rmse(truth: [Double], predicted: [Double], weights: [Double]? = nil) -> Double {
        mean(zip(truth, predicted).map { ($0 - $1) * ($0 - $1) }, weights).squareRoot()
    }

    public static func mae(truth: [Double], predicted: [Double], weights: [Double]? = nil) -> Double {
        mean(zip(truth, predicted).map { abs($0 - $1) }, weights)
    }

    public static func r2(truth: [Double], predicted: [Double], weights: [Double]? = nil) -> Double {
        guard !truth.isEmpty else { return .nan }
        let average = mean(truth, weights)
        var residual = 0.0
        var total = 0.0
        for (i, (y, p)) in zip(truth, predicted).enumerated() {
            let w = weights?[i] ?? 1
            residual += w * (y - p) * (y - p)
            total += w * (y - average) * (y - average)
        }
        if total == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / total
    }

    public static func mape(truth: [Double], predicted: [Double], weights: [Double]? = nil) -> Double {
        mean(zip(truth, predicted).map { abs($0 - $1) / max(abs($0), Double.ulpOfOne) }, weights)
    }

    /// The (weighted) mean; NaN when empty or of zero total weight.
    private static func mean(_ values: [Double], _ weights: [Double]?) -> Double {
        guard let weights else { return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
        var sum = 0.0
        var total = 0.0
        for (value, w) in zip(values, weights) where w > 0 {
            sum += w * value
            total += w
        }
        return total > 0 ? sum / total : .nan
    }
}
