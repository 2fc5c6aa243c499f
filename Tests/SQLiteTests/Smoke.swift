import XCTest
final class SQLiteTestsSmoke: XCTestCase { func testNothing() {} }
