// libFuzzer target: AmountParser.
// Properties: no crash; parse(text) either returns öre or throws AmountError; the String
// and the byte entry points agree; render(parse(text)) parses back to the same öre; and
// for the öre value built from the input bytes, parse(render(x)) == x.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    for decimalComma in [false, true] {
        for allowNegative in [false, true] {
            let viaString = Result { () throws(AmountError) -> Ore in
                try AmountParser.parse(text, decimalComma: decimalComma, allowNegative: allowNegative)
            }
            var copy = text
            let viaBytes = copy.withUTF8 { buffer in
                Result { () throws(AmountError) -> Ore in
                    try AmountParser.parse(utf8: buffer, decimalComma: decimalComma, allowNegative: allowNegative)
                }
            }
            switch (viaString, viaBytes) {
            case let (.success(a), .success(b)):
                if a != b { fuzzFail("string and bytes disagree on \(text.debugDescription): \(a) vs \(b)") }
                if a < 0 && !allowNegative { fuzzFail("negative accepted: \(text.debugDescription)") }
                let back = try? AmountParser.parse(AmountParser.render(ore: a), decimalComma: false, allowNegative: true)
                if back != a { fuzzFail("render(parse(\(text.debugDescription))) = \(AmountParser.render(ore: a)) reads back as \(String(describing: back))") }
            case let (.failure(a), .failure(b)):
                if a.reason != b.reason { fuzzFail("string and bytes refuse differently: \(a) vs \(b)") }
            default:
                fuzzFail("string and bytes disagree on success for \(text.debugDescription)")
            }
        }
    }
    // parse(render(x)) == x for an arbitrary Int64 taken from the input.
    if size >= 8 {
        var x: Int64 = 0
        for i in 0 ..< 8 { x = (x << 8) | Int64(bytes[i]) }
        let rendered = AmountParser.render(ore: x)
        let back = try? AmountParser.parse(rendered, decimalComma: false, allowNegative: true)
        if back != x { fuzzFail("parse(render(\(x))) = \(String(describing: back)) via \(rendered)") }
        let comma = String(rendered.map { $0 == "." ? "," : $0 })
        let backComma = try? AmountParser.parse(comma, decimalComma: true, allowNegative: true)
        if backComma != x { fuzzFail("decimal-comma parse(render(\(x))) = \(String(describing: backComma))") }
    }
    return 0
}
