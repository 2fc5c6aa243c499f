import Ledger
import LedgerStore

/// The allocation and impact figures the follow-up's first page shows beside the social
/// portfolio: per programme the eligible pool, bonds outstanding, headroom and allocation
/// ratio on the follow-up's date (flags included), and the green projects' attributed
/// tCO2e avoided for the year with its intensity and coverage (`report allocation`,
/// `report impact`).
struct FollowUpSustainability {
    var allocation: AllocationReport
    var impact: ImpactReport

    /// The figures `LedgerRead.allocationAndImpact` read.
    init(_ figures: (allocation: AllocationReport, impact: ImpactReport)) {
        allocation = figures.allocation
        impact = figures.impact
    }

    func html(_ output: ReportOutput) -> String {
        let h = ReportText.html
        let lang = output.language
        var out = "<h3>\(h(output.text("Obligationer och miljöeffekt", "Bonds and impact")))</h3>\n"
        out += "<table class=\"status-summary allocation\">\n<thead><tr><th>\(h(output.text("Program", "Programme")))</th>"
        for column in [output.text("Kvalificerad pool", "Eligible pool"), output.text("Obligationer", "Bonds"),
                       output.text("Utrymme", "Headroom"), output.text("Allokeringsgrad", "Allocation ratio")] {
            out += "<th class=\"num\">\(h(column))</th>"
        }
        out += "<th></th></tr></thead>\n<tbody>\n"
        for p in allocation.programmes {
            var flags: [String] = []
            if p.isOverAllocated { flags.append(output.text("överallokerat", "over-allocated")) }
            if p.isEnvironmentalManagementAboveCap {
                flags.append(output.text("miljöhantering \(AllocationWords.percent(p.environmentalManagementShare, output)) (högst 30 %)",
                                         "environmental management \(AllocationWords.percent(p.environmentalManagementShare, output)) (at most 30%)"))
            }
            out += "<tr><td>\(h(AllocationWords.programme(p.programme, output)))</td>"
            for amount in [p.eligiblePool, p.bondsOutstanding, p.headroom] {
                out += "<td class=\"num\">\(h(MoneyFormat.millions(amount, language: lang)))</td>"
            }
            out += "<td class=\"num\">\(h(AllocationWords.percent(p.allocationRatio, output)))</td>"
            out += "<td>\(h(flags.joined(separator: "; ")))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let total = impact.total
        let tonnes = total.attributed(.ghgAvoided).map {
            $0.rounded(decimals: 0).formatted(language: lang) + "\u{00A0}tCO2e"
        } ?? "–"
        let perMnkr = total.ghgPerMnkr.map { AllocationWords.oneDecimal($0, output) } ?? "–"
        let factor = impact.factor.map { $0.gramsPerKWh.formatted(language: lang) + "\u{00A0}g\u{00A0}CO2e/kWh" } ?? "–"
        out += "<p class=\"small\">" + h(output.text(
            "Belopp per \(allocation.asOf). Gröna projekt \(impact.year): \(tonnes) undvikna utsläpp (tilldelat efter finansierad andel), "
                + "\(perMnkr) ton per mnkr utestående, täckningsgrad \(AllocationWords.percent(total.coverage, output)); "
                + "emissionsfaktor för el \(factor).",
            "Amounts as of \(allocation.asOf). Green projects \(impact.year): \(tonnes) avoided (attributed by share financed), "
                + "\(perMnkr) t per SEK m outstanding, coverage \(AllocationWords.percent(total.coverage, output)); "
                + "electricity emission factor \(factor).")) + "</p>\n"
        return out
    }
}
