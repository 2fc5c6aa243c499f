import Foundation
import XCTest
@testable import Ledger
@testable import LedgerStore

/// One open file for every pass of an import and for its digest (issue 17, finding 8).
final class ImportSourceTests: XCTestCase {
    var file: String!

    override func setUpWithError() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("import-source-\(UUID().uuidString).csv").path
        try Data("a,b\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: file))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: file) }

    func testEveryPassAndTheDigestReadTheSameBytes() throws {
        let source = try ImportSource(path: file, fileName: "f.csv")
        XCTAssertEqual(try source.reader(encoding: .utf8).readAll(), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(try source.reader(encoding: .utf8).readAll(), [["1", "2"], ["3", "4"]], "a second pass starts again")
        XCTAssertEqual(try source.wait().get(), try Importer.fileDigest(path: file, fileName: "f.csv"))
        try source.requireUnchanged()
    }

    /// The path replaced by another file after the open: the open file is still what is read
    /// (and, its change time moved by the unlink, the import is refused to be safe).
    func testTheFileOpenedIsTheFileRead() throws {
        let source = try ImportSource(path: file, fileName: "f.csv")
        let digest = try source.wait().get()
        try FileManager.default.removeItem(atPath: file)
        try Data("a,b\n9,9\n".utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try source.reader(encoding: .utf8).readAll(), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(try source.wait().get(), digest)
        XCTAssertThrowsError(try source.requireUnchanged())
    }

    func testAFileWrittenToMeanwhileIsRefused() throws {
        let source = try ImportSource(path: file, fileName: "f.csv")
        _ = try source.wait().get()
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("5,6\n".utf8))
        try handle.close()
        XCTAssertThrowsError(try source.requireUnchanged()) { error in
            XCTAssertEqual((error as? ImportFailure)?.reason, .readError)
            XCTAssertTrue("\(error)".contains("the file changed while it was being imported"), "\(error)")
        }
    }

    func testAFolderOrAMissingFileIsRefused() {
        XCTAssertThrowsError(try ImportSource(path: FileManager.default.temporaryDirectory.path, fileName: "dir")) { error in
            XCTAssertEqual((error as? ImportFailure)?.reason, .unreadable)
            XCTAssertTrue("\(error)".contains("is a folder"), "\(error)")
        }
        XCTAssertThrowsError(try ImportSource(path: file + ".missing", fileName: "m.csv")) { error in
            XCTAssertEqual((error as? ImportFailure)?.reason, .unreadable)
        }
    }
}
