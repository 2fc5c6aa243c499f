import Foundation
import XCTest

/// Used by `make report-preview` while `hallbar seed` is not available: writes the seeded
/// demo ledger to `$HALLBAR_FIXTURE_OUT`. Does nothing when the variable is unset.
final class ReportPreviewFixture: XCTestCase {
    func testWriteDemoLedger() throws {
        guard let out = ProcessInfo.processInfo.environment["HALLBAR_FIXTURE_OUT"], !out.isEmpty else { return }
        let fixture = try LedgerFixture(path: out)
        try fixture.loadSeeds()
        try fixture.close()
    }
}
