/// Renders help in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS,
/// OPTIONS, SUBCOMMANDS, then a pointer to `hallbar help <subcommand>`.
enum Help {
    static func text(for spec: CommandSpec, path: [String]) -> String {
        var out: [String] = []
        out.append("OVERVIEW: \(spec.abstract)")
        if !spec.discussion.isEmpty { out.append(""); out.append(spec.discussion) }
        out.append("")
        out.append("USAGE: \(usageLine(for: spec, path: path))")
        if !spec.positionals.isEmpty {
            out.append("")
            out.append("ARGUMENTS:")
            for name in spec.positionals { out.append("  <\(name)>") }
        }
        out.append("")
        out.append("OPTIONS:")
        let options = spec.options + CommandSpec.globalOptions + (path.isEmpty ? [.flag("version", "Show the version.")] : [])
        let labels = options.map { option -> String in
            var label = option.short.map { "-\($0), " } ?? ""
            label += "--\(option.name)"
            if let value = option.value { label += " <\(value)>" }
            return label
        }
        let width = min(30, (labels.map(\.count).max() ?? 0) + 2)
        for (label, option) in zip(labels, options) {
            out.append("  " + label.padding(width) + option.help)
        }
        if !spec.subcommands.isEmpty {
            out.append("")
            out.append("SUBCOMMANDS:")
            let subWidth = (spec.subcommands.map(\.name.count).max() ?? 0) + 2
            for sub in spec.subcommands {
                let isDefault = sub.name == spec.defaultSubcommand ? " (default)" : ""
                out.append("  " + sub.name.padding(subWidth) + sub.abstract + isDefault)
            }
            out.append("")
            let prefix = (["hallbar", "help"] + path).joined(separator: " ")
            out.append("  See '\(prefix) <subcommand>' for detailed help.")
        }
        if path.isEmpty {
            out.append("")
            out.append("HELP TOPICS:")
            let width = (HelpTopics.topics.map(\.name.count).max() ?? 0) + 2
            for topic in HelpTopics.topics { out.append("  " + topic.name.padding(width) + topic.abstract) }
            out.append("")
            out.append("  'hallbar help --man' prints the manual page (installed by make install).")
        }
        if path == ["import"] {
            out.append("")
            out.append(HelpTopics.importDetails.trimmedTrailingNewlines)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func usageLine(for spec: CommandSpec, path: [String]) -> String {
        let head = (["hallbar"] + path).joined(separator: " ")
        if !spec.usage.isEmpty { return "\(head) \(spec.usage)" }
        if !spec.subcommands.isEmpty { return "\(head) <subcommand>" }
        return head
    }
}

extension String {
    var trimmedTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }

    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
