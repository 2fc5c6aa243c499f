// libFuzzer target: Day.parse.
// Properties: no crash; a parsed day renders back to exactly the input (the grammar is
// exactly YYYY-MM-DD) and the day exists; Day(year:month:day:) agrees.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDay(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    if let day = try? Day.parse(text) {
        if day.description != text { fuzzFail("Day.parse(\(text.debugDescription)) renders as \(day.description)") }
        if day.day < 1 || day.day > Day.daysIn(month: day.month, year: day.year) {
            fuzzFail("Day.parse accepted a day that does not exist: \(text.debugDescription)")
        }
        if Day(year: day.year, month: day.month, day: day.day) != day { fuzzFail("Day(year:month:day:) disagrees") }
    }
    // Any year/month/day from the input: the initialiser and parse(render) agree.
    if size >= 4 {
        let year = Int(data[0]) << 8 | Int(data[1])
        let month = Int(data[2] % 16)
        let dayOfMonth = Int(data[3] % 40)
        if let day = Day(year: year, month: month, day: dayOfMonth) {
            let back = try? Day.parse(day.description)
            if year >= 1 && year <= 9999 && back != day {
                fuzzFail("parse(render(\(year)-\(month)-\(dayOfMonth))) = \(String(describing: back))")
            }
        }
    }
    return 0
}
