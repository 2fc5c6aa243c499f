/// "Did you mean …?" for a mistyped command, option or keyword: the known words within a
/// small edit distance (insertions, deletions, substitutions and swaps of two neighbours,
/// the optimal-string-alignment form of Damerau–Levenshtein), closest first. A word of up to
/// four letters may be one edit away, a longer one two: `yaml` is two edits from `html` and
/// shares only half its letters, which is another word, not a typo.
enum Suggestion {
    /// The most edits a typo of `word` is taken to have: 1 up to four letters, else 2.
    static func maxDistance(for word: String) -> Int { word.count <= 4 ? 1 : 2 }

    /// The known words closest to `word`, at most two, nearest first (ties in the given order).
    static func closest(_ word: String, among candidates: [String], maxDistance: Int? = nil) -> [String] {
        let lowered = word.lowercased()
        let limit = maxDistance ?? Self.maxDistance(for: lowered)
        let scored = candidates.enumerated().compactMap { index, candidate -> (Int, Int, String)? in
            let d = distance(lowered, candidate.lowercased())
            // A one-letter word is not "close" to another one-letter word.
            guard d <= limit, d < max(lowered.count, candidate.count) else { return nil }
            return (d, index, candidate)
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(2).map(\.2)
    }

    /// `"; did you mean 'report'?"`, or "" when nothing is close.
    static func didYouMean(_ word: String, among candidates: [String], prefix: String = "") -> String {
        let found = closest(word, among: candidates)
        guard !found.isEmpty else { return "" }
        return "; did you mean " + found.map { "'\(prefix)\($0)'" }.joined(separator: " or ") + "?"
    }

    /// The optimal-string-alignment distance between `a` and `b`, by Unicode scalars.
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0 ... s.count { d[i][0] = i }
        for j in 0 ... t.count { d[0][j] = j }
        for i in 1 ... s.count {
            for j in 1 ... t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }
}
