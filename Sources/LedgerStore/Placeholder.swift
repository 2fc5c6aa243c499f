import Ledger
import SQLite
public let migrationCount = embeddedMigrationFiles.count
