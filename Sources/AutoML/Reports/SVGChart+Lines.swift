import Foundation

extension SVGChart {
    /// A named polyline of a line chart.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Draws dots at the points as well (few points, such as calibration bins).
        public var dots: Bool
        /// A colour of its own, drawn thicker (a summary line over the others); nil: the palette's next.
        public var emphasis: String?

        public init(name: String, points: [(x: Double, y: Double)], dots: Bool = false, emphasis: String? = nil) {
            self.name = name
            self.points = points
            self.dots = dots
            self.emphasis = emphasis
        }
    }

    /// The colours series take in turn (Tableau 10).
    static let palette = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6", "#9D755D", "#BAB0AC", "#EECA3B"]

    /// Lines of `series` on numeric axes with named axes and a legend. `bounds` fixes the axes (for
    /// rates: 0…1); `reference` draws a dashed grey line (the chance diagonal, say).
    public static func lines(
        title: String, xLabel: String, yLabel: String, series: [Series],
        bounds: (xLow: Double, xHigh: Double, yLow: Double, yHigh: Double)? = nil, reference: [(x: Double, y: Double)] = []
    ) -> String {
        let width = 640.0
        let left = 70.0
        let right = 20.0
        let top = 36.0
        let bottom = 50.0
        let legendHeight = 18.0 * Double(series.count)
        let height = 320.0 + legendHeight
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom - legendHeight
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite } + reference
        var (xLow, xHigh, yLow, yHigh) =
            bounds
            ?? (all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1, all.map(\.y).min() ?? 0, all.map(\.y).max() ?? 1)
        if xHigh - xLow < 1e-12 { (xLow, xHigh) = (xLow - 0.5, xHigh + 0.5) }
        if yHigh - yLow < 1e-12 { (yLow, yHigh) = (yLow - 0.5, yHigh + 0.5) }
        func px(_ x: Double) -> Double { left + plotWidth * (x - xLow) / (xHigh - xLow) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - (y - yLow) / (yHigh - yLow)) }
        func path(_ points: [(x: Double, y: Double)]) -> String {
            points.filter { $0.x.isFinite && $0.y.isFinite }.enumerated()
                .map { ($0.offset == 0 ? "M" : "L") + "\(f(px($0.element.x))) \(f(py($0.element.y)))" }.joined(separator: " ")
        }
        var body = axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        if reference.count > 1 {
            body += "<path d=\"\(path(reference))\" stroke=\"#999\" stroke-dasharray=\"4 4\" fill=\"none\"/>\n"
        }
        for (index, line) in series.enumerated() {
            let colour = line.emphasis ?? palette[index % palette.count]
            body +=
                "<path d=\"\(path(line.points))\" stroke=\"\(colour)\" stroke-width=\"\(line.emphasis == nil ? "2" : "3.5")\" stroke-opacity=\"\(line.emphasis == nil ? "1" : "0.55")\" fill=\"none\"><title>\(escape(line.name))</title></path>\n"
            if line.dots {
                for point in line.points where point.x.isFinite && point.y.isFinite {
                    body +=
                        "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(escape("\(line.name): \(NumberFormat.short(point.x)), \(NumberFormat.short(point.y))"))</title></circle>\n"
                }
            }
            let legendY = top + plotHeight + 40 + 18 * Double(index)
            body += "<rect x=\"\(f(left))\" y=\"\(f(legendY - 9))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>\n"
            body += text(x: left + 20, y: legendY, truncated(line.name, 70), anchor: "start", size: 11)
        }
        body += text(x: left - 6, y: top + 4, NumberFormat.short(yHigh), anchor: "end")
        body += text(x: left - 6, y: top + plotHeight, NumberFormat.short(yLow), anchor: "end")
        body += text(x: left, y: top + plotHeight + 16, NumberFormat.short(xLow), anchor: "start")
        body += text(x: left + plotWidth, y: top + plotHeight + 16, NumberFormat.short(xHigh), anchor: "end")
        body += text(x: left + plotWidth / 2, y: top + plotHeight + 16, xLabel, anchor: "middle", size: 11, fill: "#555")
        body +=
            "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">\(escape(yLabel))</text>\n"
        return document(width: width, height: height, title: title, body: body)
    }
}
