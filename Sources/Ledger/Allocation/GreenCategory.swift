/// The eight categories of Kommuninvest's green bond framework, spelled as the import
/// files and the schema spell them (`Seeds/README.md`, "Vocabulary").
///
/// Accepted as well in imports: the Swedish names Kommuninvest uses for the framework's
/// areas ("Förnybar energi", "Energieffektivisering inom energisystem", "Gröna byggnader
/// och energieffektivisering", "Hållbara transporter", "Avfallshantering", "Vatten- och
/// avloppshantering", "Klimatanpassning", "Miljöhantering"), their shorter forms, and the
/// English names ("Renewable energy" …), in any letter case. docs/import.md has the table.
public enum GreenCategory: String, CaseIterable, Sendable, Codable, SpokenToken {
    case renewableEnergy = "renewable_energy"
    case energyEfficiency = "energy_efficiency"
    case greenBuildings = "green_buildings"
    case cleanTransport = "clean_transport"
    case wasteManagement = "waste_management"
    case waterManagement = "water_management"
    case climateAdaptation = "climate_adaptation"
    /// Environmental management: at most 30 % (see `Allocation.environmentalManagementCap`).
    case environmentalManagement = "environmental_management"

    public static let labels: [GreenCategory: [String]] = [
        .renewableEnergy: ["förnybar energi", "renewable energy"],
        .energyEfficiency: ["energieffektivisering inom energisystem", "energieffektivisering",
                            "energy efficiency", "energy efficiency in energy systems"],
        .greenBuildings: ["gröna byggnader", "gröna byggnader och energieffektivisering", "green buildings"],
        .cleanTransport: ["hållbara transporter", "ren transport", "rena transporter", "fossilfria transporter",
                          "clean transport", "clean transportation", "sustainable transport"],
        .wasteManagement: ["avfallshantering", "waste management"],
        .waterManagement: ["vatten- och avloppshantering", "vattenhantering", "vatten och avlopp", "water management",
                           "water and wastewater management"],
        .climateAdaptation: ["klimatanpassning", "klimatanpassningsåtgärder", "climate adaptation", "climate change adaptation"],
        .environmentalManagement: ["miljöhantering", "miljöåtgärder", "environmental management"],
    ]

    /// The Swedish name, as Kommuninvest's Swedish pages name the areas.
    public var swedishName: String {
        switch self {
        case .renewableEnergy: return "Förnybar energi"
        case .energyEfficiency: return "Energieffektivisering inom energisystem"
        case .greenBuildings: return "Gröna byggnader"
        case .cleanTransport: return "Hållbara transporter"
        case .wasteManagement: return "Avfallshantering"
        case .waterManagement: return "Vatten- och avloppshantering"
        case .climateAdaptation: return "Klimatanpassning"
        case .environmentalManagement: return "Miljöhantering"
        }
    }

    /// The English name, as the framework names the category.
    public var englishName: String {
        switch self {
        case .renewableEnergy: return "Renewable energy"
        case .energyEfficiency: return "Energy efficiency in energy systems"
        case .greenBuildings: return "Green buildings"
        case .cleanTransport: return "Clean transport"
        case .wasteManagement: return "Waste management"
        case .waterManagement: return "Water and wastewater management"
        case .climateAdaptation: return "Climate adaptation"
        case .environmentalManagement: return "Environmental management"
        }
    }

    /// The name in `language`.
    public func name(language: FormatLanguage) -> String {
        language == .sv ? swedishName : englishName
    }

    /// Sorts stored category strings for a report: the green categories in framework
    /// order, then the social ones in Bild 6 order, then anything else alphabetically.
    public static func ordered(_ categories: some Sequence<String>) -> [String] {
        func rank(_ category: String) -> Int {
            if let green = GreenCategory(rawValue: category), let index = allCases.firstIndex(of: green) { return index }
            if let social = SocialCategory(rawValue: category), let index = SocialCategory.allCases.firstIndex(of: social) {
                return allCases.count + index
            }
            return Int.max
        }
        return Array(Set(categories)).sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            return ra != rb ? ra < rb : a < b
        }
    }
}
