// libFuzzer target: DecimalValue.parse and parseRange.
// Properties: no crash; a parsed value's canonical text (and its Swedish text) parse back
// to the same value; a parsed range has low <= high; midpoint lies between its ends.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecimal(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let value = try? DecimalValue.parse(text) {
        let back = try? DecimalValue.parse(value.description)
        if back != value { fuzzFail("parse(\(value.description)) = \(String(describing: back)) from \(text.debugDescription)") }
        let swedish = try? DecimalValue.parse(value.swedish)
        if swedish != value { fuzzFail("parse(\(value.swedish)) = \(String(describing: swedish))") }
    }
    if let range = try? DecimalValue.parseRange(text) {
        if range.high < range.low { fuzzFail("reversed range accepted: \(text.debugDescription)") }
        let mid = range.midpoint
        if mid < range.low || range.high < mid { fuzzFail("midpoint outside \(range)") }
    }
    if size >= 16 {
        var a: Int64 = 0, b: Int64 = 0
        for i in 0 ..< 8 { a = (a << 8) | Int64(bytes[i]); b = (b << 8) | Int64(bytes[8 + i]) }
        let (low, high) = (min(a, b), max(a, b))
        let mid = DecimalValue.midpoint(DecimalValue(units: low), DecimalValue(units: high))
        if mid.units < low || mid.units > high { fuzzFail("midpoint(\(low), \(high)) = \(mid.units)") }
        // Values with at most six decimals render and parse back exactly.
        if a % 10 == 0 && a != Int64.min {
            let v = DecimalValue(units: a)
            let back = try? DecimalValue.parse(v.description)
            if back != v { fuzzFail("parse(render(\(a) units)) = \(String(describing: back)) via \(v.description)") }
        }
    }
    return 0
}
