// libFuzzer target: the target grammar (Target.parse / render).
// Properties: no crash; for every t that parses, Target.parse(t.render()) == t and the
// rendering is a fixed point.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let target = try? Target.parse(text) else { return 0 }
    let rendered = target.render()
    let back: Target
    do {
        back = try Target.parse(rendered)
    } catch {
        fuzzFail("Target.parse(\(text.debugDescription)) renders as \(rendered.debugDescription), which does not parse: \(error)")
    }
    if back != target { fuzzFail("Target.parse(render) differs for \(text.debugDescription): \(target) vs \(back)") }
    if back.render() != rendered { fuzzFail("render is not a fixed point for \(text.debugDescription)") }
    return 0
}
