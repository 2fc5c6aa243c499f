import LedgerStore
print(migrationCount)
