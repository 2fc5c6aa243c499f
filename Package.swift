// swift-tools-version:6.0
// hallbar: a portfolio ledger for green loans and Loans for Social Sustainability.
// No package dependencies: the toolchain and the system libsqlite3 only.
import PackageDescription

let package = Package(
    name: "hallbar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hallbar", targets: ["hallbar"]),
    ],
    targets: [
        // The system SQLite, through a shim for the variadic C calls Swift cannot make.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // A thin, domain-free SQLite wrapper: Connection, Statement, Row, SQLiteError.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // SHA-256 block compression with the processor's SHA instructions (x86-64 SHA-NI), for
        // the chain; the portable compression is Swift, in Ledger.
        .target(name: "CSHA256"),
        // The pure domain: money, CSV, targets, follow-up statuses, shares, market model, SHA-256.
        .target(name: "Ledger", dependencies: ["CSHA256"]),
        // Persistence: migrations, schema-aware reads and writes, import, reports' queries.
        .target(
            name: "LedgerStore",
            dependencies: ["SQLite", "Ledger"],
            plugins: ["EmbedMigrations"]
        ),
        // Office Open XML workbooks (xlsx) and their ZIP container, written with the toolchain only.
        .target(name: "XLSX"),
        // The command line. Release builds link the Swift runtime statically, so a hallbar
        // process does not load and bind a dozen shared libraries each time it starts
        // (docs/performance.md, start-up).
        .executableTarget(
            name: "hallbar",
            dependencies: ["LedgerStore", "Ledger", "XLSX"],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),

        // Turns Migrations/*.sql into Swift source before every build, so the binary
        // carries its schema and cannot drift from the files (a test compares them).
        .plugin(name: "EmbedMigrations", capability: .buildTool()),

        // A deterministic generator of large import files for `make bench` and the
        // reliability suite (not part of the installed product).
        .executableTarget(name: "BenchGenerator"),
        // CSV parsing alone (the importer's reader and amount parser, no database), for `make bench`.
        .executableTarget(name: "BenchParse", dependencies: ["Ledger"]),

        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "SQLite", "Ledger"]),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX"]),
        .testTarget(name: "hallbarTests", dependencies: ["Ledger", "LedgerStore", "SQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
