import XCTest
final class LedgerTestsSmoke: XCTestCase { func testNothing() {} }
