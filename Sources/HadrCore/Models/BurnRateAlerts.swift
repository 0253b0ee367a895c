/// One alert of a multiwindow, multi-burn-rate policy (the SRE workbook, "Alerting on
/// SLOs"): it fires while the error ratio over both its long and its short window is
/// above `burnRate` × (1 − SLO).
struct AlertTier: Sendable, Equatable {
    var severity: String
    /// Seconds.
    var longWindow: Double
    /// Seconds; at most `longWindow` (equal for a single-window alert).
    var shortWindow: Double
    var burnRate: Double
    /// The share of the SLO window's error budget a burn at `burnRate` spends over the long window.
    var budgetConsumed: Double

    /// The error ratio the alert fires above, for an SLO whose error budget is `budget` (1 − SLO).
    func errorRate(budget: Double) -> Double { burnRate * budget }

    /// How long after errors start at a steady `errorRate` (from none) the alert fires: the
    /// long window's ratio reaches the threshold after longWindow × threshold / errorRate
    /// (the short window's, sooner). `nil` when the rate never exceeds the threshold.
    func detectionTime(errorRate e: Double, budget: Double) -> Double? {
        let threshold = errorRate(budget: budget)
        guard e > threshold else { return nil }
        return longWindow * threshold / e
    }

    /// How long after such errors stop the alert stops: the short window's ratio falls to the
    /// threshold after shortWindow × (1 − threshold / errorRate), however long the errors
    /// lasted once the alert had fired. `nil` when it never fires.
    func resetTime(errorRate e: Double, budget: Double) -> Double? {
        let threshold = errorRate(budget: budget)
        guard e > threshold else { return nil }
        return shortWindow * (1 - threshold / e)
    }
}

/// What an alert tier is given as before the SLO window turns it into burn rates: a budget
/// share spent over the long window, or a burn rate itself.
struct AlertTierSpec: Sendable {
    enum Threshold: Sendable {
        case budgetConsumed(Double)
        case burnRate(Double)
    }
    var severity: String
    var longWindow: Double
    /// `nil`: a twelfth of the long window, as the workbook advises.
    var shortWindow: Double?
    var threshold: Threshold

    /// The tier for an SLO window of `window` seconds. A budget share keeps its windows and
    /// share, and its burn rate follows the SLO window (share × window / long window), as
    /// Sloth scales the workbook's 30-day table to 28 days.
    func tier(window: Double) -> AlertTier {
        let short = shortWindow ?? longWindow / 12
        switch threshold {
        case .budgetConsumed(let share):
            return AlertTier(
                severity: severity, longWindow: longWindow, shortWindow: short,
                burnRate: BurnRateAlerts.tidy(share * window / longWindow), budgetConsumed: share)
        case .burnRate(let rate):
            return AlertTier(
                severity: severity, longWindow: longWindow, shortWindow: short, burnRate: rate,
                budgetConsumed: BurnRateAlerts.tidy(rate * longWindow / window))
        }
    }
}

enum BurnRateAlerts {
    /// A product of decimal inputs rounded to 12 significant digits, so that 2% × 30d / 1h is
    /// 14.4 and not 14.399999999999999 in the table and in the rules written from it.
    static func tidy(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        return Double(Display.cFormat("g", 12, x)) ?? x
    }
}
