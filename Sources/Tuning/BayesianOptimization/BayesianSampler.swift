import Foundation
import Tabular

/// Gaussian-process Bayesian optimization (SageMaker's `Bayesian` strategy).
///
/// The first trials come from a maximin Latin-hypercube design seeded by the study (optionally
/// preceded by the space's starting values). After that, each suggestion:
/// 1. maps completed trials (and warm-start trials of parent studies) into the ``UnitCube`` and their
///    losses through an optional log, then standardizes them;
/// 2. fits a ``GaussianProcess`` (Matérn 5/2 ARD; MAP hyperparameters with restarts);
/// 3. conditions it on the failed assignments at its own mean (kriging believer), so failed points
///    are not proposed again;
/// 4. maximizes ``ExpectedImprovement`` with the ``AcquisitionOptimizer`` and returns the best
///    candidate no trial has used. While other trials run, the improvement is averaged over
///    outcomes drawn for them (``PendingExpectedImprovement``), so parallel suggestions spread out
///    where the pending ones may fall short and still exploit near a promising one
///    (``PendingOutcomes/believer`` conditions on pending points at the mean instead).
public struct BayesianSampler: Sampler {
    /// Whether losses are modelled on a log scale.
    public enum ObjectiveTransform: String, Codable, Sendable {
        case none
        case log
        /// Log when every loss is positive and they span at least four orders of magnitude (heavy-tailed
        /// objectives; on milder ranges the log warps the model more than it helps).
        case auto
    }

    /// Trials taken from the initial design before the model is used (nil: 5 + half the cube's
    /// dimension, at most 10).
    public var initialDesignSize: Int?
    /// Whether trial 0 evaluates the space's starting values (cheap, sensible defaults) first.
    public var startsAtInitialValues: Bool
    public var objectiveTransform: ObjectiveTransform
    public var fitSettings: GaussianProcess.FitSettings
    /// How the outcomes of trials still running are modelled when suggesting another.
    public var pendingOutcomes: PendingOutcomes
    var acquisitionOptimizer = AcquisitionOptimizer()
    /// The last fitted hyperparameters, reused until the observations grow by a tenth.
    let memory = HyperparameterMemory()
    /// The most observations the model is conditioned on: beyond it, the best quarter and an even
    /// spread of the rest (a windowed model). Conditioning and prediction cost O(n³) and O(n²) per
    /// candidate: at 2,000 observations a proposal took 0.6 s with all of them.
    public var maxModelPoints = 300

    /// How trials still running shape the next suggestion.
    public enum PendingOutcomes: String, Codable, Sendable {
        /// Each pending point is taken to score the model's mean there (kriging believer).
        case believer
        /// Expected improvement averaged over outcomes drawn for the pending points
        /// (``PendingExpectedImprovement``).
        case sampled
    }

    public var name: String { "Bayesian" }

    public init(
        initialDesignSize: Int? = nil, startsAtInitialValues: Bool = false, objectiveTransform: ObjectiveTransform = .auto,
        fitSettings: GaussianProcess.FitSettings = .init(), pendingOutcomes: PendingOutcomes = .sampled
    ) {
        self.pendingOutcomes = pendingOutcomes
        self.initialDesignSize = initialDesignSize
        self.startsAtInitialValues = startsAtInitialValues
        self.objectiveTransform = objectiveTransform
        self.fitSettings = fitSettings
    }

    /// The design size used for `cube`.
    public func designSize(for cube: UnitCube) -> Int {
        initialDesignSize ?? min(10, 5 + cube.dimension / 2)
    }

    public func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment {
        try suggestion(context).assignment
    }

    /// The initial design's next point, else the expected-improvement maximizer; a random draw,
    /// with the reason, when the model cannot be built or proposes nothing new.
    public func suggestion(_ context: SamplingContext) throws(TuningError) -> Suggestion {
        let cube = UnitCube(context.space)
        let observations = context.observations
        let design = designSize(for: cube)
        let taken = Set((context.priorTrials + context.trials).map(\.assignment))
        if observations.count < design || observations.count < 2 {
            if startsAtInitialValues, context.trialNumber == 0 { return Suggestion(assignment: context.space.initialAssignment) }
            if context.trialNumber < design {
                let points = LatinHypercube.points(count: design, dimension: cube.dimension, seed: context.studySeed)
                let assignment = cube.decode(points[context.trialNumber])
                if !taken.contains(assignment) { return Suggestion(assignment: assignment) }
            }
            if observations.count < 2 {
                let reason =
                    context.trialNumber < design
                    ? nil : "fewer than 2 completed trials to model after the initial design of \(design)"
                return Suggestion(assignment: try RandomSampler().suggest(context), fallback: reason)
            }
        }
        switch modelSuggestion(context, cube: cube, observations: observations, taken: taken) {
        case .success(let assignment):
            return Suggestion(assignment: assignment)
        case .failure(let problem):
            return Suggestion(assignment: try RandomSampler().suggest(context), fallback: problem.reason)
        }
    }

    /// Why the model proposed nothing.
    struct ModelProblem: Error {
        var reason: String
    }

    /// The expected-improvement maximizer no trial has used, or why there is none (the model
    /// cannot be built, or every candidate is taken).
    func modelSuggestion(
        _ context: SamplingContext, cube: UnitCube, observations: [(assignment: Assignment, loss: Double)], taken: Set<Assignment>
    ) -> Result<Assignment, ModelProblem> {
        func problem(_ what: String, _ error: any Error) -> Result<Assignment, ModelProblem> {
            .failure(ModelProblem(reason: "\(what): \((error as? any LocalizedError)?.errorDescription ?? "\(error)")"))
        }
        let d = cube.dimension
        let inputs = observations.flatMap { cube.encode($0.assignment) }
        let losses = observations.map(\.loss)
        let scaled = transformed(losses)
        let logScale = scaled != losses
        let targets = Self.standardized(scaled)
        // Past `maxModelPoints`, the model holds the best quarter and an even spread of the rest.
        let window = GaussianProcess.fitSubset(targets, limit: max(2, maxModelPoints))
        let modelInputs = window.count == targets.count ? inputs : window.flatMap { inputs[($0 * d)..<(($0 + 1) * d)] }
        let modelTargets = window.count == targets.count ? targets : window.map { targets[$0] }
        let model: GaussianProcess
        do {
            if let kept = memory.reusable(count: observations.count, logScale: logScale),
                let reused = try? GaussianProcess(inputs: modelInputs, targets: modelTargets, dimension: d, hyperparameters: kept)
            {
                model = reused
            } else {
                model = try GaussianProcess.fit(
                    inputs: modelInputs, targets: modelTargets, dimension: d, settings: fitSettings, seed: context.seed)
                memory.remember(model.hyperparameters, count: observations.count, logScale: logScale)
            }
        } catch {
            return problem("the Gaussian process could not be fitted", error)
        }
        let pending = context.trials.filter(\.status.isUnderWay).flatMap { cube.encode($0.assignment) }
        let failed = context.trials.filter { $0.status == .failed }.flatMap { cube.encode($0.assignment) }
        let believed = pendingOutcomes == .believer ? failed + pending : failed
        let believer: GaussianProcess
        do {
            believer = try model.conditionedOnFantasies(believed)
        } catch {
            return problem("the Gaussian process could not take in the running and failed trials", error)
        }
        let incumbent = targets.min() ?? 0
        let anchors = observations.indices.sorted { targets[$0] < targets[$1] }.prefix(5).map {
            Array(inputs[($0 * d)..<(($0 + 1) * d)])
        }
        let score: @Sendable ([Double]) throws -> [Double]
        var roughScore: (@Sendable ([Double]) throws -> [Double])?
        if pendingOutcomes == .sampled, !pending.isEmpty {
            let acquisition: PendingExpectedImprovement
            do {
                let joint = try believer.predict(pending, covariancesWith: pending)
                acquisition = try PendingExpectedImprovement(
                    incumbent: incumbent, mean: joint.mean, covariance: joint.covariance, seed: context.seed &+ 2)
            } catch {
                return problem("the running trials' joint prediction failed", error)
            }
            score = { batch in
                let (mean, variance, covariance) = try believer.predict(batch, covariancesWith: pending)
                return acquisition.logValues(mean: mean, variance: variance, covariance: covariance)
            }
            // The large candidate set is screened on 64 of the 512 fantasies (an eighth of the cost).
            roughScore = { batch in
                let (mean, variance, covariance) = try believer.predict(batch, covariancesWith: pending)
                return acquisition.logValues(mean: mean, variance: variance, covariance: covariance, fantasies: 64)
            }
        } else {
            let acquisition = ExpectedImprovement(incumbent: incumbent, margin: 0)
            score = { batch in
                let (mean, variance) = try believer.predict(batch)
                return zip(mean, variance).map { acquisition.logValue(mean: $0, variance: $1) }
            }
        }
        let ranked: [(point: [Double], score: Double)]
        do {
            ranked = try acquisitionOptimizer.maximize(
                cube: cube, anchors: anchors, seed: context.seed &+ 1, score: score, roughScore: roughScore)
        } catch {
            return problem("maximizing expected improvement failed", error)
        }
        for candidate in ranked {
            let assignment = cube.decode(candidate.point)
            if !taken.contains(assignment) { return .success(assignment) }
        }
        return .failure(ModelProblem(reason: "every point expected improvement ranked has been tried"))
    }

    /// Losses through the chosen transform.
    func transformed(_ losses: [Double]) -> [Double] {
        let positive = losses.allSatisfy { $0 > 0 }
        switch objectiveTransform {
        case .none:
            return losses
        case .log where positive:
            return losses.map { Foundation.log($0) }
        case .log:
            return losses
        case .auto:
            guard positive, let low = losses.min(), let high = losses.max(), high / low >= 1e4 else { return losses }
            return losses.map { Foundation.log($0) }
        }
    }

    /// `(y − mean) / sd` (sd taken as 1 when the values are all equal).
    static func standardized(_ values: [Double]) -> [Double] {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let sd = variance > 1e-24 ? variance.squareRoot() : 1
        return values.map { ($0 - mean) / sd }
    }
}
