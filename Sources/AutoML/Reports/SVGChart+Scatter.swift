import Foundation

extension SVGChart {
    /// One point of a scatter chart.
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var tooltip: String

        public init(x: Double, y: Double, tooltip: String) {
            self.x = x
            self.y = y
            self.tooltip = tooltip
        }
    }

    /// A scatter chart of `points` with an optional step line through `line` (best so far, say) and
    /// an optional dashed `reference` line (y = x, say). `logX` puts x on a log scale (positive
    /// values); `categories` names whole-number x positions 0, 1, ... instead of a numeric axis.
    public static func scatter(
        title: String, xLabel: String, yLabel: String, points: [Point], line: [(x: Double, y: Double)] = [],
        reference: [(x: Double, y: Double)] = [], logX: Bool = false, categories: [String]? = nil
    ) -> String {
        let width = 640.0
        let height = 320.0
        let left = 70.0
        let right = 20.0
        let top = 36.0
        let bottom = 50.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let shown = points.filter { $0.y.isFinite && $0.x.isFinite && (!logX || $0.x > 0) }
        func xValue(_ x: Double) -> Double { logX ? Foundation.log10(x) : x }
        let xs = shown.map { xValue($0.x) } + line.map { xValue($0.x) }
        let ys = shown.map(\.y) + line.map(\.y)
        let reference = reference.filter { $0.x.isFinite && $0.y.isFinite && (!logX || $0.x > 0) }
        var (xLow, xHigh) = categories.map { (-0.5, Double($0.count) - 0.5) } ?? (xs.min() ?? 0, xs.max() ?? 1)
        var (yLow, yHigh) = (ys.min() ?? 0, ys.max() ?? 1)
        if xHigh - xLow < 1e-12 { (xLow, xHigh) = (xLow - 0.5, xHigh + 0.5) }
        if yHigh - yLow < 1e-12 { (yLow, yHigh) = (yLow - 0.5, yHigh + 0.5) }
        let xPad = categories == nil ? (xHigh - xLow) * 0.04 : 0
        let yPad = (yHigh - yLow) * 0.06
        (xLow, xHigh, yLow, yHigh) = (xLow - xPad, xHigh + xPad, yLow - yPad, yHigh + yPad)
        func px(_ x: Double) -> Double { left + plotWidth * (xValue(x) - xLow) / (xHigh - xLow) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - (y - yLow) / (yHigh - yLow)) }
        var body = axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        if reference.count > 1 {
            let path = reference.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(f(px($0.element.x))) \(f(py($0.element.y)))" }.joined(
                separator: " ")
            body += "<path d=\"\(path)\" stroke=\"#999\" stroke-dasharray=\"4 4\" fill=\"none\"/>\n"
        }
        if line.count > 1 {
            var path = "M\(f(px(line[0].x))) \(f(py(line[0].y)))"
            for point in line.dropFirst() { path += " H\(f(px(point.x))) V\(f(py(point.y)))" }
            body += "<path d=\"\(path)\" stroke=\"#E45756\" stroke-width=\"2\" fill=\"none\"/>\n"
        }
        for point in shown {
            body +=
                "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"4\" fill=\"#4C78A8\" fill-opacity=\"0.75\"><title>\(escape(point.tooltip))</title></circle>\n"
        }
        body += text(x: left - 6, y: top + 4, NumberFormat.short(yHigh - yPad), anchor: "end")
        body += text(x: left - 6, y: top + plotHeight, NumberFormat.short(yLow + yPad), anchor: "end")
        let axisY = top + plotHeight + 18
        if let categories {
            for (index, name) in categories.enumerated() {
                body += text(x: px(Double(index)), y: axisY, truncated(name, 18), anchor: "middle")
            }
        } else {
            let (lowLabel, highLabel) = (xLow + xPad, xHigh - xPad)
            body += text(
                x: left + plotWidth * xPad / (xHigh - xLow), y: axisY, NumberFormat.short(logX ? Foundation.pow(10, lowLabel) : lowLabel),
                anchor: "middle")
            body += text(
                x: left + plotWidth * (1 - xPad / (xHigh - xLow)), y: axisY, NumberFormat.short(logX ? Foundation.pow(10, highLabel) : highLabel),
                anchor: "middle")
        }
        body += text(x: left + plotWidth / 2, y: height - 8, xLabel + (logX ? " (log scale)" : ""), anchor: "middle", size: 11, fill: "#555")
        body +=
            "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">\(escape(yLabel))</text>\n"
        return document(width: width, height: height, title: title, body: body)
    }
}
