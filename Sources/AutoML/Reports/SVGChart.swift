import Foundation

/// Small self-contained SVG charts (no scripts, no external fonts): histograms, bar charts and
/// heatmaps. All text is XML-escaped, so every chart is well-formed XML.
public enum SVGChart {
    /// A histogram of `counts` over bins bounded by `edges` (one more edge than counts); `xLabel`
    /// names the values on the x axis, the y axis counts rows per bin.
    public static func histogram(title: String, edges: [Double], counts: [Int], xLabel: String) -> String {
        let width = 640.0
        let height = 300.0
        let left = 60.0
        let right = 20.0
        let top = 36.0
        let bottom = 44.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = Double(max(1, counts.max() ?? 1))
        var body = ""
        let barWidth = plotWidth / Double(max(1, counts.count))
        for (k, count) in counts.enumerated() {
            let h = plotHeight * Double(count) / highest
            let x = left + Double(k) * barWidth
            body += rect(
                x: x + 0.5, y: top + plotHeight - h, width: max(0.5, barWidth - 1), height: h, fill: "#4C78A8",
                tooltip: "\(NumberFormat.short(edges[k])) – \(NumberFormat.short(edges[k + 1])): \(count)")
        }
        body += axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        body += text(x: left - 6, y: top + 4, "\(Int(highest))", anchor: "end")
        body += text(x: left - 6, y: top + plotHeight, "0", anchor: "end")
        if let first = edges.first, let last = edges.last {
            body += text(x: left, y: top + plotHeight + 18, NumberFormat.short(first), anchor: "start")
            body += text(x: left + plotWidth, y: top + plotHeight + 18, NumberFormat.short(last), anchor: "end")
            if edges.count > 2 {
                body += text(x: left + plotWidth / 2, y: top + plotHeight + 18, NumberFormat.short((first + last) / 2), anchor: "middle")
            }
        }
        body += text(x: left + plotWidth / 2, y: height - 6, xLabel, anchor: "middle", size: 11, fill: "#555")
        body +=
            "<text x=\"16\" y=\"\(f(top + plotHeight / 2))\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\">rows per bin</text>\n"
        return document(width: width, height: height, title: title, body: body)
    }

    /// Horizontal bars, one per label, longest scaled to the plot width; `values` ≥ 0. The label
    /// margin grows with the longest label (up to 40 characters shown), so no label is cut off.
    public static func bars(title: String, labels: [String], values: [Double], valueText: [String]) -> String {
        let longest = labels.map { min(40, $0.count) }.max() ?? 0
        // About 7 px per character at 12 px Helvetica, with room for wide letters.
        let rowHeight = 22.0
        let top = 36.0
        let left = max(80, Double(longest) * 7.2 + 16)
        let right = 90.0
        let width = max(640.0, left + 340)
        let height = top + rowHeight * Double(max(1, labels.count)) + 12
        let plotWidth = width - left - right
        let highest = max(values.max() ?? 0, 1e-12)
        var body = ""
        for (k, label) in labels.enumerated() {
            let y = top + Double(k) * rowHeight
            let w = plotWidth * max(0, values[k]) / highest
            body += text(x: left - 8, y: y + 15, truncated(label, 40), anchor: "end")
            body += rect(x: left, y: y + 3, width: max(0.5, w), height: rowHeight - 6, fill: "#4C78A8", tooltip: "\(label): \(valueText[k])")
            body += text(x: left + w + 6, y: y + 15, valueText[k], anchor: "start")
        }
        return document(width: width, height: height, title: title, body: body)
    }

    /// A square heatmap of `matrix` (nil cells grey); `signed` maps −1…1 to blue–white–red, else 0…1 to white–red.
    public static func heatmap(title: String, labels: [String], matrix: [[Double?]], signed: Bool) -> String {
        let n = labels.count
        let cell = max(8.0, min(28.0, 560.0 / Double(max(1, n))))
        let left = 170.0
        let top = 36.0
        // Column labels are rotated by 60°: their height grows with the longest label.
        let labelSpace = Double(min(24, labels.map(\.count).max() ?? 0)) * 5.8 + 16
        let width = max(left + cell * Double(n) + 20, left + 420)
        let height = top + cell * Double(n) + labelSpace + 44
        var body = ""
        for i in 0..<n {
            body += text(x: left - 6, y: top + Double(i) * cell + cell * 0.7, truncated(labels[i], 24), anchor: "end", size: min(11, cell * 0.8))
            for j in 0..<n {
                let value = matrix[i][j]
                let tooltip = "\(labels[i]) × \(labels[j]): \(value.map { Printf.fixed($0, 3) } ?? "undefined")"
                body += rect(
                    x: left + Double(j) * cell, y: top + Double(i) * cell, width: cell, height: cell, fill: color(value, signed: signed),
                    tooltip: tooltip)
                if cell >= 20, let value, !value.isNaN {
                    // Two decimals without the leading zero fit a cell of 20 px.
                    let shown = Printf.fixed(value, 2).replacingOccurrences(of: "0.", with: ".")
                    body += text(
                        x: left + (Double(j) + 0.5) * cell, y: top + (Double(i) + 0.5) * cell + 3.5, shown, anchor: "middle", size: 9,
                        fill: abs(value) > 0.6 ? "#FFF" : "#222")
                }
            }
        }
        // The colour scale: low to high along a bar under the matrix.
        let scaleTop = height - 34
        let scaleLeft = left
        let scaleWidth = max(120, min(240, cell * Double(n)))
        let steps = 24
        for k in 0..<steps {
            let value = signed ? -1 + 2 * Double(k) / Double(steps - 1) : Double(k) / Double(steps - 1)
            body +=
                "<rect x=\"\(f(scaleLeft + scaleWidth * Double(k) / Double(steps)))\" y=\"\(f(scaleTop))\" width=\"\(f(scaleWidth / Double(steps) + 0.5))\" height=\"10\" fill=\"\(color(value, signed: signed))\"/>\n"
        }
        body += text(x: scaleLeft, y: scaleTop + 22, signed ? "−1" : "0", anchor: "start", size: 10)
        if signed { body += text(x: scaleLeft + scaleWidth / 2, y: scaleTop + 22, "0", anchor: "middle", size: 10) }
        body += text(x: scaleLeft + scaleWidth, y: scaleTop + 22, "1", anchor: "end", size: 10)
        body += text(x: scaleLeft + scaleWidth + 8, y: scaleTop + 9, "colour scale; grey: undefined", anchor: "start", size: 10, fill: "#555")
        let labelTop = top + cell * Double(n) + 6
        for j in 0..<n {
            let x = left + Double(j) * cell + cell * 0.65
            body +=
                "<text x=\"\(f(x))\" y=\"\(f(labelTop))\" font-size=\"\(f(min(11, cell * 0.8)))\" text-anchor=\"end\" transform=\"rotate(-60 \(f(x)) \(f(labelTop)))\">\(escape(truncated(labels[j], 24)))</text>\n"
        }
        return document(width: width, height: height, title: title, body: body)
    }

    /// `text` safe inside XML character data and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    static func document(width: Double, height: Double, title: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>\(escape(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(width / 2))" y="22" font-size="14" font-weight="bold" text-anchor="middle">\(escape(truncated(title, 80)))</text>
        \(body)</svg>

        """
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String) -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\"><title>\(escape(tooltip))</title></rect>\n"
    }

    static func text(x: Double, y: Double, _ content: String, anchor: String, size: Double = 12, fill: String = "#222") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor)\">\(escape(content))</text>\n"
    }

    static func axes(left: Double, top: Double, plotWidth: Double, plotHeight: Double) -> String {
        "<path d=\"M\(f(left)) \(f(top)) V\(f(top + plotHeight)) H\(f(left + plotWidth))\" stroke=\"#333\" fill=\"none\"/>\n"
    }

    private static func color(_ value: Double?, signed: Bool) -> String {
        guard let value, !value.isNaN else { return "#DDDDDD" }
        let v = max(-1, min(1, value))
        func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
            let digits = Array("0123456789ABCDEF")
            return "#"
                + String(
                    [r, g, b].flatMap { part -> [Character] in
                        let byte = max(0, min(255, Int(part.rounded())))
                        return [digits[byte / 16], digits[byte % 16]]
                    })
        }
        if v >= 0 || !signed {
            let t = abs(v)
            return hex(255, 255 - 180 * t, 255 - 190 * t)
        }
        let t = -v
        return hex(255 - 190 * t, 255 - 140 * t, 255)
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : Printf.fixed(value, 1)
    }
}
