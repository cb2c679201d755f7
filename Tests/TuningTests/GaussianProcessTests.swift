import Foundation
import Testing

@testable import Tuning

@Suite struct GaussianProcessTests {
    func points(_ n: Int, _ d: Int, seed: UInt64) -> [Double] {
        LatinHypercube.points(count: n, dimension: d, seed: seed).flatMap { $0 }
    }

    @Test func interpolatesNoiselessObservationsAndIsUncertainFarAway() throws {
        let x = points(12, 1, seed: 3)
        let y = x.map { sin(6 * $0) }
        let model = try GaussianProcess.fit(inputs: x, targets: y, dimension: 1, seed: 1)
        let (mean, variance) = try model.predict(x)
        for i in y.indices {
            #expect(abs(mean[i] - y[i]) < 0.02)
            #expect(variance[i] < 0.01)
        }
        let far = try model.predict([5.0])
        #expect(far.variance[0] > 0.5 * model.hyperparameters.kernel.signalVariance)
    }

    @Test func likelihoodGradientMatchesFiniteDifferences() {
        let d = 3
        let n = 15
        let x = points(n, d, seed: 9)
        let y = (0..<n).map { sin(3 * x[$0 * d]) + 0.1 * x[$0 * d + 1] }
        let pairs = Matern52Kernel.pairSquaredDifferences(x, count: n, dimension: d)
        let prior = GaussianProcess.Prior(dimension: d)
        let theta = [-0.7, 0.2, 0.9, 0.3, -5]
        let (_, gradient) = GaussianProcess.negativeLogPosterior(theta, pairs: pairs, targets: y, count: n, dimension: d, prior: prior)
        for k in theta.indices {
            var up = theta
            var down = theta
            up[k] += 1e-5
            down[k] -= 1e-5
            let numeric =
                (GaussianProcess.negativeLogPosterior(up, pairs: pairs, targets: y, count: n, dimension: d, prior: prior).value
                    - GaussianProcess.negativeLogPosterior(down, pairs: pairs, targets: y, count: n, dimension: d, prior: prior).value) / 2e-5
            #expect(abs(numeric - gradient[k]) < 1e-4 * max(1, abs(numeric)), "θ[\(k)]: \(numeric) vs \(gradient[k])")
        }
    }

    @Test func relevanceDeterminationGivesAnIgnoredInputALongLengthScale() throws {
        let d = 2
        let n = 30
        let x = points(n, d, seed: 5)
        let y = (0..<n).map { sin(5 * x[$0 * d]) }
        let model = try GaussianProcess.fit(inputs: x, targets: y, dimension: d, seed: 2)
        let scales = model.hyperparameters.kernel.lengthscales
        #expect(scales[1] > 3 * scales[0], "\(scales)")
    }

    @Test func fantasiesCollapseVarianceAtPendingPointsOnly() throws {
        let x = points(8, 2, seed: 4)
        let y = (0..<8).map { sin(6 * x[$0 * 2]) + cos(5 * x[$0 * 2 + 1]) }
        let model = try GaussianProcess.fit(inputs: x, targets: y, dimension: 2, seed: 1)
        let pending = [1.2, -0.2]
        let believer = try model.conditionedOnFantasies(pending)
        let before = try model.predict(pending).variance[0]
        let after = try believer.predict(pending).variance[0]
        #expect(after < 0.05 * before, "\(before) → \(after)")
        #expect(abs(try believer.predict(pending).mean[0] - model.predict(pending).mean[0]) < 1e-6)
    }

    /// Law of Gaussian conditioning: observing y at `o` (noise σₙ²) leaves variance
    /// var(x) − cov(x, o)² / (var(o) + σₙ²) at x; the joint prediction's covariance must give it.
    @Test func jointCovarianceAgreesWithConditioningOnAnObservation() throws {
        let x = points(10, 2, seed: 6)
        let y = (0..<10).map { sin(5 * x[$0 * 2]) + x[$0 * 2 + 1] }
        let model = try GaussianProcess.fit(inputs: x, targets: y, dimension: 2, seed: 3)
        let candidates = [0.31, 0.72, 0.9, 0.1, 0.5, 0.52]
        let other = [0.48, 0.55]
        let joint = try model.predict(candidates, covariancesWith: other)
        let plain = try model.predict(candidates)
        let atOther = try model.predict(other).variance[0]
        let conditioned = try model.conditionedOnFantasies(other).predict(candidates).variance
        for j in 0..<3 {
            #expect(abs(joint.mean[j] - plain.mean[j]) < 1e-9)
            #expect(abs(joint.variance[j] - plain.variance[j]) < 1e-9)
            let c = joint.covariance[j]
            let expected = plain.variance[j] - c * c / (atOther + model.hyperparameters.noiseVariance)
            #expect(abs(conditioned[j] - expected) < 1e-6 * max(1, plain.variance[j]), "\(conditioned[j]) vs \(expected)")
        }
    }

    /// With pending outcomes that cannot beat the incumbent and no correlation with the candidate,
    /// the averaged improvement is plain EI; a candidate on top of a pending point scores lower than
    /// an equally promising one elsewhere.
    @Test func pendingImprovementReducesToExpectedImprovementAndAvoidsPendingPoints() throws {
        let hopeless = try PendingExpectedImprovement(incumbent: 0, mean: [10, 12], covariance: [1e-6, 0, 0, 1e-6], seed: 1)
        let scores = hopeless.logValues(mean: [-0.5, 0.8], variance: [0.3, 1.2], covariance: [0, 0, 0, 0])
        let ei = ExpectedImprovement(incumbent: 0, margin: 0)
        #expect(abs(scores[0] - ei.logValue(mean: -0.5, variance: 0.3)) < 1e-9)
        #expect(abs(scores[1] - ei.logValue(mean: 0.8, variance: 1.2)) < 1e-9)

        let promising = try PendingExpectedImprovement(incumbent: 0, mean: [-0.2], covariance: [0.5], seed: 2)
        let pair = promising.logValues(mean: [-0.2, -0.2], variance: [0.5, 0.5], covariance: [0.5, 0])
        #expect(pair[0] < pair[1] - 1, "\(pair)")
    }

    @Test func expectedImprovementIsPositiveAndOrdered() {
        let ei = ExpectedImprovement(incumbent: 0, margin: 0)
        #expect(ei.value(mean: -1, variance: 0.01) > ei.value(mean: 1, variance: 0.01))
        #expect(ei.value(mean: 0, variance: 1) > ei.value(mean: 0, variance: 0.1))
        // Far from the incumbent EI underflows, yet its log still ranks candidates.
        #expect(ei.logValue(mean: 40, variance: 1) > ei.logValue(mean: 50, variance: 1))
        #expect(abs(ei.value(mean: 0, variance: 1) - 1 / (2 * Double.pi).squareRoot()) < 1e-12)
    }

    @Test func choleskyEscalatesJitterForDuplicatePoints() throws {
        let x = [0.5, 0.5, 0.5, 0.2]
        let model = try GaussianProcess(
            inputs: x, targets: [1, 1, 1, 0], dimension: 1,
            hyperparameters: .init(kernel: Matern52Kernel(lengthscales: [0.3], signalVariance: 1), noiseVariance: 0))
        #expect(abs(try model.predict([0.5]).mean[0] - 1) < 1e-3)
    }
}
