#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ledger
import LedgerStore

/// A small inline SVG of one indicator over the years: the baseline (hollow square), the
/// readings up to the report year (line and dots; a range reading as a bar), and the
/// target (a dashed line, a band for a range, the reference value for a `ref` target).
/// Geometry only uses floating point; the figures printed elsewhere stay exact.
struct TrendSVG {
    var indicator: FollowUpIndicator
    var year: Int
    var language: FormatLanguage

    static let width = 150.0, height = 54.0, pad = 5.0, axis = 12.0

    static func number(_ q: Quantity) -> Double { Double(q.units) / Double(Quantity.scale) }

    /// The target's horizontal lines (one, or two for a range) in value space.
    var targetLines: [Double] {
        switch indicator.target {
        case .atLeast(let x), .above(let x), .atMost(let x), .below(let x), .equal(let x): return [Self.number(x)]
        case .range(let low, let high): return [Self.number(low), Self.number(high)]
        case .referenceAtLeast, .referenceAbove: return indicator.referenceValue.map { [Self.number($0)] } ?? []
        case .increasing, .decreasing, .text: return []
        }
    }

    func render() -> String {
        let history = indicator.history
        var points: [(year: Int, low: Double, high: Double, isBaseline: Bool)] = []
        if let baseline = history.baseline, let year = history.baselineYear, let range = Self.bounds(baseline) {
            points.append((year, range.0, range.1, true))
        }
        for (readingYear, value) in history.readings.sorted(by: { $0.key < $1.key }) where readingYear <= year {
            if let range = Self.bounds(value) { points.append((readingYear, range.0, range.1, false)) }
        }
        let targets = targetLines
        let values = points.flatMap { [$0.low, $0.high] } + targets
        let description = describe()
        guard !points.isEmpty, let minValue = values.min(), let maxValue = values.max() else {
            return "<svg class=\"trend\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" role=\"img\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\"><title>\(ReportText.html(description))</title>"
                + "<text x=\"4\" y=\"26\" font-size=\"10\" fill=\"#777\">\(ReportText.html(language == .sv ? "inga talvärden" : "no numeric values"))</text></svg>"
        }
        let firstYear = min(points.map(\.year).min() ?? year, year)
        let lastYear = max(year, indicator.targetYear.map { min($0, year + 5) } ?? year)
        let span = max(1, lastYear - firstYear)
        let spread = maxValue - minValue
        let (low, high) = spread == 0 ? (minValue - 1, maxValue + 1) : (minValue - spread * 0.1, maxValue + spread * 0.1)
        func x(_ y: Int) -> Double { Self.pad + 3 + Double(y - firstYear) / Double(span) * (Self.width - 2 * Self.pad - 6) }
        func y(_ v: Double) -> Double { Self.height - Self.axis - (v - low) / (high - low) * (Self.height - Self.axis - Self.pad) }
        func f(_ d: Double) -> String { TrendSVG.oneDecimal(d) }

        var svg = "<svg class=\"trend\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" role=\"img\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\">"
        svg += "<title>\(ReportText.html(description))</title>"
        svg += "<line x1=\"\(f(Self.pad))\" y1=\"\(f(Self.height - Self.axis + 2))\" x2=\"\(f(Self.width - Self.pad))\" y2=\"\(f(Self.height - Self.axis + 2))\" stroke=\"#bbb\" stroke-width=\"1\"/>"
        if targets.count == 2 {
            let top = y(targets[1]), bottom = y(targets[0])
            svg += "<rect x=\"\(f(Self.pad))\" y=\"\(f(top))\" width=\"\(f(Self.width - 2 * Self.pad))\" height=\"\(f(max(1, bottom - top)))\" fill=\"#009E73\" fill-opacity=\"0.18\"/>"
        }
        for target in targets {
            svg += "<line x1=\"\(f(Self.pad))\" y1=\"\(f(y(target)))\" x2=\"\(f(Self.width - Self.pad))\" y2=\"\(f(y(target)))\" stroke=\"#009E73\" stroke-width=\"1.2\" stroke-dasharray=\"4 2\"/>"
        }
        let line = points.map { "\(f(x($0.year))),\(f(y(($0.low + $0.high) / 2)))" }.joined(separator: " ")
        if points.count > 1 { svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"#003a5d\" stroke-width=\"1.5\"/>" }
        for point in points {
            let cx = x(point.year), mid = y((point.low + point.high) / 2)
            if point.low != point.high {
                svg += "<line x1=\"\(f(cx))\" y1=\"\(f(y(point.high)))\" x2=\"\(f(cx))\" y2=\"\(f(y(point.low)))\" stroke=\"#003a5d\" stroke-width=\"3\"/>"
            }
            if point.isBaseline {
                svg += "<rect x=\"\(f(cx - 3))\" y=\"\(f(mid - 3))\" width=\"6\" height=\"6\" fill=\"#fff\" stroke=\"#003a5d\" stroke-width=\"1.5\"/>"
            } else {
                let colour = point.year == year ? FollowUpHTML.style(indicator.reportedStatus).background : "#003a5d"
                svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(mid))\" r=\"3.5\" fill=\"\(colour)\" stroke=\"#003a5d\" stroke-width=\"1\"/>"
            }
        }
        svg += "<text x=\"\(f(Self.pad))\" y=\"\(f(Self.height - 2))\" font-size=\"8\" fill=\"#555\">\(firstYear)</text>"
        svg += "<text x=\"\(f(Self.width - Self.pad))\" y=\"\(f(Self.height - 2))\" font-size=\"8\" text-anchor=\"end\" fill=\"#555\">\(lastYear)</text>"
        return svg + "</svg>"
    }

    static func bounds(_ value: ReadingValue) -> (Double, Double)? {
        switch value {
        case .number(let q): return (number(q), number(q))
        case .range(let low, let high, _): return (number(low), number(high))
        case .text: return nil
        }
    }

    /// The data in words, for the SVG's title (screen readers, hover).
    func describe() -> String {
        var parts: [String] = []
        if let baseline = indicator.history.baseline {
            parts.append((language == .sv ? "utgångsvärde " : "baseline ") + baseline.display(language: language)
                         + (indicator.history.baselineYear.map { " (\($0))" } ?? ""))
        }
        for (readingYear, value) in indicator.history.readings.sorted(by: { $0.key < $1.key }) where readingYear <= year {
            parts.append("\(readingYear): \(value.display(language: language))")
        }
        parts.append((language == .sv ? "mål " : "target ") + indicator.targetText)
        return parts.joined(separator: "; ")
    }

    /// `value` as C's `%.1f` prints it (what `String(format: "%.1f", value)` gave).
    static func oneDecimal(_ value: Double) -> String {
        // 512 bytes hold any Double in %.1f (at most 309 integer digits).
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
            _ = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, "%.1f", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
