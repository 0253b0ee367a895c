/// Reading a calendar record (`default_calendar`, `sre_calendar`, ...) as the lengths it gives.
extension CalendarUnits {
    /// The calendar a record describes (`year`, `quarter`, `month` positive finite durations,
    /// an optional `service` share in (0, 1]), or nil.
    init?(_ value: Value) {
        guard case .record(let r) = value else { return nil }
        func length(_ name: String) -> Double? {
            guard case .time(let s, 1, _)? = r[name], s.isFinite, s > 0 else { return nil }
            return s
        }
        guard let year = length("year"), let quarter = length("quarter"), let month = length("month") else {
            return nil
        }
        var service = 1.0
        if let field = r["service"] {
            guard let share = Operators.fraction(field), share > 0, share <= 1 else { return nil }
            service = share
        }
        self.init(year: year, quarter: quarter, month: month, service: service)
    }
}
