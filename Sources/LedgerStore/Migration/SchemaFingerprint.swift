/// The fingerprint (`ExpectedSchema.fingerprint`) of a ledger that the embedded migrations
/// create: opening a ledger with exactly this schema skips replaying the migrations.
/// Written by SchemaCheckTests (HALLBAR_WRITE_SCHEMA_FINGERPRINT=1) after a migration
/// changes; a test checks it. A stale value costs only time: the full comparison runs.
enum SchemaFingerprint {
    static let fresh = "ab1af1c4a4a5fc48287663ad3ea27f64a0f4ac8e581e410afe894eb8604fe1d3"
}
