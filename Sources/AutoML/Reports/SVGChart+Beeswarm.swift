import Foundation

extension SVGChart {
    /// One band of a beeswarm chart: a label and its dots (x value, and where the row's own value
    /// sits in its column, 0 low … 1 high, nil when it has no order).
    public struct Band: Sendable {
        public var label: String
        public var dots: [(x: Double, shade: Double?)]

        public init(label: String, dots: [(x: Double, shade: Double?)]) {
            self.label = label
            self.dots = dots
        }
    }

    /// SHAP's summary plot: one horizontal band per label, one dot per row at its value, spread
    /// vertically where dots pile up, coloured blue (low) to red (high) by the row's own value of
    /// the column (grey without an order); a vertical line at 0.
    public static func beeswarm(title: String, xLabel: String, bands: [Band]) -> String {
        let longest = bands.map { min(30, $0.label.count) }.max() ?? 0
        let left = max(90, Double(longest) * 7.2 + 16)
        let right = 20.0
        let top = 36.0
        let bandHeight = 28.0
        let width = max(700.0, left + 520)
        let plotWidth = width - left - right
        let height = top + bandHeight * Double(max(1, bands.count)) + 70
        let xs = bands.flatMap { $0.dots.map(\.x) }.filter(\.isFinite)
        var low = min(0, xs.min() ?? -1)
        var high = max(0, xs.max() ?? 1)
        if high - low < 1e-12 { (low, high) = (low - 1, high + 1) }
        let pad = (high - low) * 0.04
        (low, high) = (low - pad, high + pad)
        func px(_ x: Double) -> Double { left + plotWidth * (x - low) / (high - low) }
        var body = "<path d=\"M\(f(px(0))) \(f(top - 4)) V\(f(top + bandHeight * Double(bands.count)))\" stroke=\"#999\" fill=\"none\"/>\n"
        for (index, band) in bands.enumerated() {
            let centre = top + bandHeight * (Double(index) + 0.5)
            body += text(x: left - 8, y: centre + 4, truncated(band.label, 30), anchor: "end")
            // Dots that fall in the same pixel column stack outward from the band's centre.
            var used: [Int: Int] = [:]
            for dot in band.dots where dot.x.isFinite {
                let x = px(dot.x)
                let slot = Int(x / 3)
                let count = used[slot, default: 0]
                used[slot] = count + 1
                let offset = Double((count + 1) / 2) * 2.2 * (count % 2 == 0 ? 1 : -1)
                let y = centre + max(-bandHeight / 2 + 3, min(bandHeight / 2 - 3, offset))
                let colour = dot.shade.map { shadeColour($0) } ?? "#888888"
                body += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2\" fill=\"\(colour)\" fill-opacity=\"0.8\"/>\n"
            }
        }
        let axisY = top + bandHeight * Double(bands.count) + 18
        body += text(x: left, y: axisY, NumberFormat.short(low + pad), anchor: "start")
        body += text(x: px(0), y: axisY, "0", anchor: "middle")
        body += text(x: left + plotWidth, y: axisY, NumberFormat.short(high - pad), anchor: "end")
        body += text(x: left + plotWidth / 2, y: axisY + 18, xLabel, anchor: "middle", size: 11, fill: "#555")
        let legendY = axisY + 36
        for k in 0..<20 {
            body +=
                "<rect x=\"\(f(left + Double(k) * 6))\" y=\"\(f(legendY - 8))\" width=\"6.5\" height=\"8\" fill=\"\(shadeColour(Double(k) / 19))\"/>\n"
        }
        body += text(x: left + 128, y: legendY, "the row's value of the column: low … high (grey: no order)", anchor: "start", size: 10, fill: "#555")
        return document(width: width, height: height, title: title, body: body)
    }

    /// Blue (0) to red (1) through purple.
    static func shadeColour(_ t: Double) -> String {
        let t = max(0, min(1, t))
        let digits = Array("0123456789ABCDEF")
        func hex(_ v: Double) -> String {
            let byte = max(0, min(255, Int(v.rounded())))
            return String([digits[byte / 16], digits[byte % 16]])
        }
        return "#" + hex(30 + 225 * t) + hex(100 - 60 * t) + hex(230 - 190 * t)
    }
}
