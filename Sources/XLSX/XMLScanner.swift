/// Why a workbook's XML could not be read.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// One thing an `XMLScanner` reads.
enum XMLEvent: Equatable {
    /// A start tag: its local name (the namespace prefix dropped) and attributes (local
    /// names, values with entities replaced); `empty` for `<c/>`.
    case start(String, [String: String], empty: Bool)
    /// An end tag's local name.
    case end(String)
    /// Character data (entities and CDATA sections replaced).
    case text(String)
}

/// A small pull reader for the XML of an Office Open XML package: elements, attributes,
/// character data, the five predefined entities and character references, CDATA sections;
/// comments and processing instructions skipped. A document type declaration is refused
/// (a workbook has none, and entity definitions are how XML bombs work). Not validating.
struct XMLScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next event, or nil at the end of the document.
    mutating func next() throws(XMLError) -> XMLEvent? {
        guard position < bytes.count else { return nil }
        if bytes[position] != UInt8(ascii: "<") {
            let start = position
            while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
            return .text(try Self.decode(bytes[start ..< position]))
        }
        if starts("<?") { try skip(past: "?>"); return try next() }
        if starts("<!--") { try skip(past: "-->"); return try next() }
        if starts("<![CDATA[") {
            position += 9
            let start = position
            try skip(past: "]]>")
            return .text(String(decoding: bytes[start ..< (position - 3)], as: UTF8.self))
        }
        if starts("<!") { throw XMLError(reason: "a document type declaration, which a workbook does not have") }
        if starts("</") {
            position += 2
            let name = readName()
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw XMLError(reason: "an unclosed end tag </\(name)") }
            position += 1
            return .end(Self.local(name))
        }
        position += 1
        let name = readName()
        guard !name.isEmpty else { throw XMLError(reason: "a tag without a name") }
        var attributes: [String: String] = [:]
        while true {
            skipSpaces()
            guard position < bytes.count else { throw XMLError(reason: "the document ends inside <\(name)") }
            if bytes[position] == UInt8(ascii: ">") { position += 1; return .start(Self.local(name), attributes, empty: false) }
            if starts("/>") { position += 2; return .start(Self.local(name), attributes, empty: true) }
            let attribute = readName()
            skipSpaces()
            guard !attribute.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw XMLError(reason: "a malformed attribute in <\(name)")
            }
            position += 1
            skipSpaces()
            guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
                throw XMLError(reason: "an unquoted attribute in <\(name)")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count && bytes[position] != quote { position += 1 }
            guard position < bytes.count else { throw XMLError(reason: "the document ends inside <\(name)") }
            attributes[Self.local(attribute)] = try Self.decode(bytes[start ..< position])
            position += 1
        }
    }

    /// The character data up to the end tag of the element just started, nested elements'
    /// text included (`<t>a</t>` → "a"); the scanner is then past that end tag.
    mutating func text(until name: String) throws(XMLError) -> String {
        var out = "", depth = 0
        while let event = try next() {
            switch event {
            case .text(let text): out += text
            case .start(_, _, let empty): if !empty { depth += 1 }
            case .end(let end):
                if depth == 0 {
                    guard end == name else { throw XMLError(reason: "</\(end)> where </\(name)> was expected") }
                    return out
                }
                depth -= 1
            }
        }
        throw XMLError(reason: "the document ends inside <\(name)>")
    }

    private func starts(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in (0 ..< count).allSatisfy { bytes[position + $0] == p[$0] } }
    }

    private mutating func skip(past terminator: StaticString) throws(XMLError) {
        while position < bytes.count {
            if starts(terminator) { position += terminator.utf8CodeUnitCount; return }
            position += 1
        }
        throw XMLError(reason: "the document ends inside a comment, declaration or CDATA section")
    }

    private mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") {
                break
            }
            position += 1
        }
        return String(decoding: bytes[start ..< position], as: UTF8.self)
    }

    /// `x:row` → `row`.
    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Text with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#N;` / `&#xH;` replaced.
    static func decode(_ raw: ArraySlice<UInt8>) throws(XMLError) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let b = raw[index]
            guard b == UInt8(ascii: "&") else { out.append(b); index += 1; continue }
            guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")), semicolon - index <= 12 else {
                throw XMLError(reason: "an unterminated entity reference")
            }
            let name = String(decoding: raw[(index + 1) ..< semicolon], as: UTF8.self)
            switch name {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                let value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { value = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { value = UInt32(name.dropFirst(), radix: 10) }
                else { value = nil }
                guard let value, let scalar = Unicode.Scalar(value) else { throw XMLError(reason: "an unknown entity &\(name);") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            index = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
