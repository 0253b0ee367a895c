import Foundation
import Testing

@testable import HadrCore

/// One calendar rule: the session's `default_calendar` says how long `mo`, `q` and `y` are
/// in literals, conversions, display and the tables, which name it.
@Suite struct CalendarTests {
    static let calendars = ["calendar_365", "gregorian_calendar", "julian_calendar", "sre_calendar"]

    /// Each named calendar's quarters and months make its year.
    @Test(arguments: calendars)
    func quartersAndMonthsMakeTheYear(_ name: String) {
        #expect(eval("c = \(name)\nround(4 * c.quarter / 1ms) == round(c.year / 1ms)") == "true")
        #expect(eval("c = \(name)\nround(12 * c.month / 1ms) == round(c.year / 1ms)") == "true")
    }

    /// After choosing a calendar for the session, a table and an explicit `per:` agree for
    /// every period, and literals measure on it.
    @Test(arguments: calendars)
    func theTableAndPerAgree(_ name: String) {
        let text = """
            default_calendar = \(name)
            rows = downtime(99.95%)
            [downtime(99.95%, per: 1y) == rows[0].downtime, downtime(99.95%, per: 1q) == rows[1].downtime,
             downtime(99.95%, per: 1mo) == rows[2].downtime, 1y == \(name).year, 1mo == \(name).month,
             rows[0].calendar == \(name).name]
            """
        #expect(eval(text) == "[true, true, true, true, true, true]")
    }

    /// Lengths in seconds, from the calendars' definitions (Fraction-exact in Python:
    /// 365.2425 × 86400 = 31556952, 365.25 × 86400 = 31557600, 360 × 86400 = 31104000).
    @Test(arguments: [
        ("calendar_365", "31536000", "2628000"), ("gregorian_calendar", "31556952", "2629746"),
        ("julian_calendar", "31557600", "2629800"), ("sre_calendar", "31104000", "2592000"),
    ])
    func lengths(_ name: String, _ year: String, _ month: String) {
        #expect(eval("default_calendar = \(name)\n[round(1y / 1s), round(1mo / 1s)]") == "[\(year), \(month)]")
    }

    @Test func displayFollowsTheCalendar() {
        #expect(eval("default_calendar = gregorian_calendar\n1y") == "1y")
        #expect(eval("default_calendar = gregorian_calendar\n365d") == "365d")
        #expect(eval("default_calendar = sre_calendar\n365d") == "1y 5d")
        #expect(eval("default_calendar = sre_calendar\n30d to mo") == "1mo")
        #expect(eval("default_calendar = sre_calendar\n1 / 1000h to /y") == "8.64/y")
        #expect(eval("365d") == "1y")
        // The `length` column is in days on every calendar.
        #expect(eval("downtime(99.9%)[0].length") == "365d")
        #expect(eval("downtime(99.9%, calendar: julian_calendar)[0].length") == "365d 6h")
    }

    @Test func aDurationInDaysIsTheSameOnEveryCalendar() {
        #expect(eval("default_calendar = sre_calendar\ndowntime(99.9%, per: 30 days)") == "43m 12s")
        #expect(eval("downtime(99.9%, per: 30 days)") == "43m 12s")
    }

    @Test func parseReadsMonthsOnTheSessionsCalendar() {
        #expect(eval("default_calendar = sre_calendar\nparse(\"1mo\")") == "30d")
        #expect(eval("parse(\"1mo\")") == "30d 10h")
    }

    @Test func functionsDefinedBeforeTheSwitchUseTheNewCalendar() {
        #expect(eval("fn month() = 1mo\ndefault_calendar = sre_calendar\nmonth()") == "30d")
    }

    @Test func aFailedLineLeavesTheCalendarAsItWas() {
        var output = ""
        let s = session { output += $0 }
        #expect(s.evaluate("default_calendar = sre_calendar; 1 + \"a\"") != nil)
        output = ""
        _ = s.evaluate("1mo")
        #expect(output == "30d 10h\n")
        _ = s.evaluate("default_calendar = sre_calendar")
        output = ""
        _ = s.evaluate("1mo")
        #expect(output == "30d\n")
    }

    @Test func perWithAnotherCalendarIsAnError() {
        let got = eval("downtime(99.9%, per: 1mo, calendar: sre_calendar)")
        #expect(got.contains("`per:` is measured on the session's calendar"), "\(got)")
        // The session's own calendar, or one with its lengths, goes with `per:`.
        #expect(eval("default_calendar = sre_calendar\ndowntime(99.9%, per: 1mo, calendar: sre_calendar)") == "43m 12s")
        #expect(eval("downtime(99.9%, per: 1w, calendar: business_hours())") == "2m 24s")
    }

    /// Agreed service time: 0.1% of 8 hours on 5 days a week (Python: Fraction(1, 1000) ×
    /// 7 × 86400 × 8/24 × 5/7 = 144 s; over 365 days 52560000/7 ms).
    @Test func businessHours() {
        #expect(eval("downtime(99.9%, per: 1w, calendar: business_hours(hours: 8h, days: 5))") == "2m 24s")
        #expect(eval("round(downtime(99.9%, calendar: business_hours())[0].downtime / 1ms)") == "7508571")
        #expect(
            eval("fields(downtime(99.9%, calendar: business_hours())[0])")
                == #"["period", "length", "service_time", "downtime", "calendar"]"#)
        #expect(eval("default_calendar = business_hours(hours: 12h, days: 7)\ndowntime(99.9%, per: 1d)") == "43.2s")
        #expect(
            eval("default_calendar = business_hours(hours: 12h, days: 7)\nerror_budget(slo: 99.9%, window: 30d)")
                == "21m 36s")
        #expect(
            eval("default_calendar = business_hours(hours: 12h, days: 7)\navailability(downtime: 43.2s, per: 1d)")
                == "99.9%")
        #expect(eval("business_hours(hours: 25h)").contains("`hours` is the service time of one day"))
        #expect(eval("business_hours(days: 0)").contains("`days` is the working days of a week"))
        #expect(eval("business_hours(calendar: business_hours())").contains("already has service hours"))
    }

    @Test func aCalendarThatIsNotOneIsAClearError() {
        #expect(eval("default_calendar = 5\n1mo").contains("`default_calendar` must be a calendar"))
        #expect(eval("default_calendar = 5\n5m + 1h") == "1h 5m")
        #expect(
            eval("downtime(99.9%, calendar: {name: \"x\", year: 0s, quarter: 1d, month: 1d})")
                .contains("calendar field `year` must be a positive duration"))
        #expect(
            eval("downtime(99.9%, calendar: {name: \"x\", week: 7d})")
                .contains("a calendar needs `year`, `quarter` and `month`"))
        #expect(
            eval("downtime(99.9%, calendar: {year: 1d, quarter: 1d, month: 1d, service: 2})")
                .contains("calendar field `service` must be the share of time in service"))
        #expect(eval("default_calendar = {year: 1e300d, quarter: 1d, month: 1d}\n2e300d") == "2y")
    }

    @Test func tablesNameTheirCalendar() {
        #expect(eval("downtime(99.9%)[0].calendar") == #""365-day""#)
        #expect(eval("nines_table()[0].calendar") == #""365-day""#)
        #expect(eval("nines_table(calendar: sre_calendar)[1].per_month") == #""43.2 minutes""#)
        #expect(eval("default_calendar = gregorian_calendar\nnines_table()[1].calendar") == #""Gregorian""#)
    }
}
