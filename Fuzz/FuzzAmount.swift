// libFuzzer target: AmountParser.
// Properties: no crash; parse(text) either returns öre or throws AmountError; the String
// and the byte entry points agree; render(parse(text)) parses back to the same öre; no
// amount past 10^12 SEK is accepted; and for the öre value built from the input bytes,
// parse(render(x)) == x within the limit, .aboveLimit past it.

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
                if a.magnitude > AmountParser.maxOre.magnitude { fuzzFail("an amount past the limit accepted: \(text.debugDescription)") }
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
    // parse(render(x)) == x for an Int64 taken from the input within the limit of 10^12 SEK
    // (and for one folded into it); past the limit the parse refuses with .aboveLimit.
    if size >= 8 {
        var raw: Int64 = 0
        for i in 0 ..< 8 { raw = (raw << 8) | Int64(bytes[i]) }
        let limit = AmountParser.maxOre
        for x in [raw, raw % (limit + 1)] {
            let rendered = AmountParser.render(ore: x)
            let comma = String(rendered.map { $0 == "." ? "," : $0 })
            let back = Result { () throws(AmountError) -> Ore in try AmountParser.parse(rendered, decimalComma: false, allowNegative: true) }
            let backComma = Result { () throws(AmountError) -> Ore in try AmountParser.parse(comma, decimalComma: true, allowNegative: true) }
            if x.magnitude <= limit.magnitude {
                if (try? back.get()) != x { fuzzFail("parse(render(\(x))) = \(back) via \(rendered)") }
                if (try? backComma.get()) != x { fuzzFail("decimal-comma parse(render(\(x))) = \(backComma)") }
            } else {
                for result in [back, backComma] {
                    guard case .failure(let error) = result, error.reason == .aboveLimit else {
                        fuzzFail("\(rendered) past the limit was not refused as above it: \(result)")
                    }
                }
            }
        }
    }
    return 0
}
