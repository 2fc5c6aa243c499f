// libFuzzer target: the exact decimals of indicator values, Quantity.parse and
// ReadingValue.parse (numbers, ranges "97-98 %", texts).
// Properties: no crash; a parsed quantity's canonical and Swedish texts parse back to the
// same value; a parsed range has low <= high and its judged midpoint lies between them;
// a reading's canonical form reads back as the same reading.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecimal(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let value = try? Quantity.parse(text) {
        let back = try? Quantity.parse(value.canonical)
        if back != value { fuzzFail("parse(\(value.canonical)) = \(String(describing: back)) from \(text.debugDescription)") }
        let swedish = try? Quantity.parse(value.formatted(language: .sv))
        if swedish != value { fuzzFail("parse(\(value.formatted(language: .sv))) = \(String(describing: swedish))") }
    }
    if let reading = try? ReadingValue.parse(text) {
        switch reading {
        case let .range(low, high, _):
            if high < low { fuzzFail("reversed range accepted: \(text.debugDescription)") }
            if let mid = reading.judgedValue, mid < low || high < mid { fuzzFail("midpoint outside \(reading)") }
        case .number(let q):
            if (try? ReadingValue.parse(q.canonical)) != reading { fuzzFail("number \(q.canonical) does not read back") }
        case .text:
            if reading.judgedValue != nil { fuzzFail("a text reading has a judged value: \(text.debugDescription)") }
        }
    }
    if size >= 16 {
        var a: Int64 = 0, b: Int64 = 0
        for i in 0 ..< 8 { a = (a << 8) | Int64(bytes[i]); b = (b << 8) | Int64(bytes[8 + i]) }
        let (low, high) = (min(a, b), max(a, b))
        let mid = Quantity.midpoint(Quantity(units: low), Quantity(units: high))
        if mid.units < low || mid.units > high { fuzzFail("midpoint(\(low), \(high)) = \(mid.units)") }
        let v = Quantity(units: a)
        let back = try? Quantity.parse(v.canonical)
        if back != v { fuzzFail("parse(render(\(a) units)) = \(String(describing: back)) via \(v.canonical)") }
    }
    return 0
}
