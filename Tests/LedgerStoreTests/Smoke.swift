import XCTest
final class LedgerStoreTestsSmoke: XCTestCase { func testNothing() {} }
