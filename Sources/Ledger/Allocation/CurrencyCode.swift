/// ISO 4217 currency codes: the currency a bond not issued in SEK was issued in.
///
/// A fixed list, so that `ZZZ` or a typo (`EUT`) is refused at import rather than carried into
/// every report. It holds the alphabetic codes of ISO 4217's list one for the currencies in
/// circulation (as the Debian package iso-codes 4.15 lists them, with `XCG` and `ZWG` of the
/// 2024–2025 amendments), and not the fund codes (`CHE`, `CLF`, `USN` …), precious metals
/// (`XAU` …), bond-market units (`XBA` …), `XDR`, `XSU`, `XUA`, or the testing codes `XTS` and
/// `XXX`: no bond is issued in those. Recently withdrawn codes that a bond still outstanding may
/// have been issued in stay (`HRK`, `SLL`, `ZWL`, `CUC`, `ANG`).
///
/// ```swift
/// CurrencyCode.isKnown("EUR")   // true
/// CurrencyCode.isKnown("ZZZ")   // false
/// ```
public enum CurrencyCode {
    /// The codes accepted.
    public static let codes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
        "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR",
        "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
        "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR",
        "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
        "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP",
        "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
        "UYU", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
        "ZWL",
    ]

    /// Whether `code` (three capitals, as stored) is one of `codes`.
    public static func isKnown(_ code: String) -> Bool { codes.contains(code) }
}
