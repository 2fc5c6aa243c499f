/// The three categories of a social project (Bild 6), spelled exactly as the schema's
/// CHECK constraint and the import files spell them.
///
/// Files may also name a category in any letter case, or by its English name
/// ("Housing and living environments"); `parse(spoken:)`.
public enum SocialCategory: String, CaseIterable, Sendable, SpokenToken {
    /// Boende och boendemiljöer.
    case housing = "Boende och boendemiljöer"
    /// Trygghet, säkerhet och tillgänglighet.
    case safety = "Trygghet, säkerhet och tillgänglighet"
    /// Hälsa, utbildning, idrott och kultur.
    case health = "Hälsa, utbildning, idrott och kultur"

    public static let labels: [SocialCategory: [String]] = Dictionary(uniqueKeysWithValues: allCases.map { category in
        (category, [SpokenText.normalized(category.rawValue), SpokenText.normalized(category.englishName)])
    })

    /// The English name, for `--lang en`.
    public var englishName: String {
        switch self {
        case .housing: return "Housing and living environments"
        case .safety: return "Safety, security and accessibility"
        case .health: return "Health, education, sport and culture"
        }
    }

    /// The name in `language`; the Swedish name is the stored one.
    public func name(language: FormatLanguage) -> String {
        language == .sv ? rawValue : englishName
    }

    /// The display name of a stored category string: the English name of a known social
    /// category in English, else the string itself.
    public static func displayName(_ stored: String, language: FormatLanguage) -> String {
        SocialCategory(rawValue: stored)?.name(language: language) ?? stored
    }

    /// Sorts stored category strings: the three social categories in Bild 6 order first,
    /// then any other string alphabetically.
    public static func ordered(_ categories: some Sequence<String>) -> [String] {
        let unique = Array(Set(categories))
        return unique.sorted { a, b in
            let ia = SocialCategory(rawValue: a).flatMap { c in allCases.firstIndex(of: c) } ?? Int.max
            let ib = SocialCategory(rawValue: b).flatMap { c in allCases.firstIndex(of: c) } ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }
}
