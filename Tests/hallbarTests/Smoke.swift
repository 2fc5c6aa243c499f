import XCTest
final class hallbarTestsSmoke: XCTestCase { func testNothing() {} }
