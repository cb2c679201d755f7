import Foundation
import Tuning

extension Leaderboard {
    /// The leaderboard's two figures (file name under `figures/`, SVG): every completed trial's score
    /// by algorithm, and the best score so far against the seconds since the search began, per
    /// algorithm and overall. `trials` gives the times (trials without them are left out of the
    /// second chart).
    public func charts(trials: [Trial]) -> [(name: String, svg: String)] {
        guard !entries.isEmpty else { return [] }
        let algorithms = Array(Set(entries.map(\.candidate.algorithm))).sorted()
        let scores = SVGChart.scatter(
            title: "Validation \(metric.rawValue) of every completed trial, by algorithm", xLabel: "algorithm",
            yLabel: "\(metric.rawValue) (\(metric.higherIsBetter ? "higher" : "lower") is better)",
            points: entries.map { entry in
                SVGChart.Point(
                    x: Double(algorithms.firstIndex(of: entry.candidate.algorithm) ?? 0), y: entry.score.mean,
                    tooltip: "trial \(entry.trial) (\(entry.candidate.algorithm)): \(NumberFormat.short(entry.score.mean))")
            },
            categories: algorithms)
        var charts = [(name: "leaderboard-scores.svg", svg: scores)]

        let finished = Dictionary(uniqueKeysWithValues: trials.compactMap { trial in trial.finishedAt.map { (trial.number, $0) } })
        guard let start = trials.compactMap(\.startedAt).min() else { return charts }
        let timed = entries.compactMap { entry in finished[entry.trial].map { (seconds: $0.timeIntervalSince(start), entry: entry) } }
            .sorted { $0.seconds < $1.seconds }
        guard !timed.isEmpty else { return charts }
        func bestSoFar(_ points: [(seconds: Double, entry: Entry)]) -> [(x: Double, y: Double)] {
            var line: [(x: Double, y: Double)] = []
            var best: Double?
            for point in points where best.map({ metric.direction.isBetter(point.entry.score.mean, than: $0) }) ?? true {
                // A step: the old best holds until the new one arrives.
                if let best { line.append((point.seconds, best)) }
                best = point.entry.score.mean
                line.append((point.seconds, point.entry.score.mean))
            }
            if let last = timed.last, let best { line.append((last.seconds, best)) }
            return line
        }
        let series =
            algorithms.map { algorithm in
                SVGChart.Series(name: algorithm, points: bestSoFar(timed.filter { $0.entry.candidate.algorithm == algorithm }), dots: true)
            } + [SVGChart.Series(name: "all algorithms", points: bestSoFar(timed), emphasis: "#222")]
        let values = timed.map(\.entry.score.mean)
        charts.append(
            (
                name: "leaderboard-convergence.svg",
                svg: SVGChart.lines(
                    title: "Best \(metric.rawValue) so far against time", xLabel: "seconds since the search began",
                    yLabel: "best \(metric.rawValue) so far", series: series,
                    bounds: (0, max(1, timed.last?.seconds ?? 1), values.min() ?? 0, values.max() ?? 1))
            ))
        return charts
    }
}
