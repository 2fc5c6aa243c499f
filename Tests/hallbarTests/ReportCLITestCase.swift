import Foundation
import XCTest

/// CLI tests of the reports: helpers to build a seeded ledger and read JSON.
class ReportCLITestCase: CLITestCase {
    /// A ledger holding every seed file of Seeds/ (built with `LedgerFixture`, not `hallbar seed`).
    func seededDatabase(_ name: String = "seed.db") throws -> String {
        let db = path(name)
        let fixture = try LedgerFixture(path: db)
        try fixture.loadSeeds()
        try fixture.close()
        return db
    }

    /// Output with U+00A0 NO-BREAK SPACE read as a plain space, for readable assertions.
    func plain(_ text: String) -> String { text.replacingOccurrences(of: "\u{00A0}", with: " ") }

    /// Runs hallbar, requires exit 0, and parses stdout as a JSON object.
    func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try succeed(arguments, file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], file: file, line: line)
    }

    /// Checks that `html` is well-formed: every element closed in order (void elements
    /// excepted), using python3's html.parser. Returns the problems found.
    func htmlProblems(_ html: String) throws -> String {
        let file = path("check.html")
        try html.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import sys
            from html.parser import HTMLParser
            VOID = {'area','base','br','col','embed','hr','img','input','link','meta','source','track','wbr'}
            class P(HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True); self.stack = []; self.problems = []
                def handle_starttag(self, tag, attrs):
                    if tag not in VOID: self.stack.append((tag, self.getpos()))
                def handle_startendtag(self, tag, attrs): pass
                def handle_endtag(self, tag):
                    if tag in VOID: return
                    if not self.stack or self.stack[-1][0] != tag:
                        self.problems.append('unexpected </%s> at %s, open: %s' % (tag, self.getpos(), self.stack[-1:] ))
                    else: self.stack.pop()
            p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); p.close()
            if p.stack: p.problems.append('unclosed: %s' % p.stack)
            print('\\n'.join(p.problems))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 html check failed to run")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
