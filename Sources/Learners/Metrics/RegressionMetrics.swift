import Foundation

/// Metrics of predicted values against true ones (scikit-learn's definitions).
///
/// RMSE = √(mean (y − ŷ)²); MAE = mean |y − ŷ|; R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 for a perfect
/// fit of a constant target, 0 for an imperfect one); MAPE = mean |y − ŷ| / max(|y|, ε) with
/// ε = 2.2e-16, a fraction (not percent).
public enum RegressionMetrics {
    public static func rmse(truth: [Double], predicted: [Double]) -> Double {
        mean(zip(truth, predicted).map { ($0 - $1) * ($0 - $1) }).squareRoot()
    }

    public static func mae(truth: [Double], predicted: [Double]) -> Double {
        mean(zip(truth, predicted).map { abs($0 - $1) })
    }

    public static func r2(truth: [Double], predicted: [Double]) -> Double {
        guard !truth.isEmpty else { return .nan }
        let average = mean(truth)
        let residual = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = truth.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        if total == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / total
    }

    public static func mape(truth: [Double], predicted: [Double]) -> Double {
        mean(zip(truth, predicted).map { abs($0 - $1) / max(abs($0), Double.ulpOfOne) })
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
