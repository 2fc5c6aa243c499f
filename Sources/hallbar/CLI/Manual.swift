/// `hallbar help --man`: the manual page hallbar(1) in roff (man(7) macros), made from the
/// same command specs and help topics as `hallbar help`, so it cannot drift. `make install`
/// writes it to PREFIX/share/man/man1/hallbar.1; docs/hallbar.1 is a copy a test keeps equal.
enum Manual {
    static func roff(root: CommandSpec) -> String {
        var out = ".TH HALLBAR 1 \"\" \"hallbar \(Hallbar.version)\" \"User Commands\"\n"
        out += ".SH NAME\nhallbar \\- \(escape(root.abstract))\n"
        out += ".SH SYNOPSIS\n.B hallbar\n[\\fB\\-\\-db\\fR \\fIpath\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]\n"
        out += ".br\n.B hallbar help\n[\\fIcommand\\fR | \\fBformats\\fR | \\fBtargets\\fR | \\fB\\-\\-man\\fR]\n"
        out += ".SH DESCRIPTION\n" + paragraphs(root.discussion)
        out += ".SH COMMANDS\n"
        for (path, spec) in leaves(root, path: []) {
            out += ".SS \"\(escape((["hallbar"] + path).joined(separator: " ")))\"\n"
            out += ".B " + escape(Help.usageLine(for: spec, path: path)) + "\n.PP\n"
            out += escape(spec.abstract) + "\n"
            if !spec.discussion.isEmpty { out += ".PP\n" + paragraphs(spec.discussion) }
            for option in spec.options {
                out += ".TP\n.B \\-\\-\(escape(option.name))" + (option.value.map { " \\fI\(escape($0))\\fR" } ?? "") + "\n"
                out += escape(option.help) + "\n"
            }
            if path == ["import"] { out += ".PP\n.nf\n" + verbatim(HelpTopics.importDetails) + ".fi\n" }
        }
        out += ".SH GLOBAL OPTIONS\n"
        for option in CommandSpec.globalOptions {
            out += ".TP\n.B \\-\\-\(escape(option.name))" + (option.value.map { " \\fI\(escape($0))\\fR" } ?? "") + "\n"
            out += escape(option.help) + "\n"
        }
        out += ".SH FORMATS\n.nf\n" + verbatim(HelpTopics.formats.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(2).joined(separator: "\n")) + ".fi\n"
        out += ".SH ENVIRONMENT\n.TP\n.B HALLBAR_DB\nThe ledger file when \\fB\\-\\-db\\fR is not given (else ./hallbar.db).\n"
        out += ".TP\n.B NO_COLOR\nWhen set and not empty, tables are never coloured.\n"
        out += ".SH EXIT STATUS\n.nf\n" + verbatim("""
            0   success
            64  usage error
            65  bad input data (nothing was written)
            66  missing input file or database
            69  database busy beyond the timeout
            70  internal error
            73  cannot create output
            74  I/O error

            """) + ".fi\n"
        out += ".SH SEE ALSO\n\\fBsqlite3\\fR(1); README.md and docs/ in the source tree.\n"
        return out
    }

    /// Every command that runs, depth first, with its path.
    static func leaves(_ spec: CommandSpec, path: [String]) -> [([String], CommandSpec)] {
        var out: [([String], CommandSpec)] = []
        if spec.run != nil, !path.isEmpty { out.append((path, spec)) }
        for sub in spec.subcommands { out += leaves(sub, path: path + [sub.name]) }
        return out
    }

    /// Text for a filled paragraph: blank lines start new paragraphs.
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.allSatisfy { $0 == " " } ? ".PP" : escape(String(line))
        }.joined(separator: "\n") + "\n"
    }

    /// Lines kept as they are (inside .nf/.fi).
    static func verbatim(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
            + (text.hasSuffix("\n") ? "" : "\n")
    }

    /// Backslashes and hyphens escaped; a line that would start with a control character protected.
    static func escape(_ text: String) -> String {
        var out = text.replacingEvery("\\", with: "\\e").replacingEvery("-", with: "\\-")
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }
}
