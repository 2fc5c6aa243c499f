// libFuzzer target: the xlsx reader (compiled with Sources/XLSX as module `XLSX`).
// Properties: no crash and bounded work on any bytes, as a raw DEFLATE stream, as a ZIP file
// and as a workbook; what decompresses stays within the limit; a sheet read renders to CSV
// whose line count is at least its last row number.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    if let out = try? Inflate.decompress(bytes, limit: 1 << 16), out.count > 1 << 16 {
        fuzzFail("Inflate returned \(out.count) bytes past its limit")
    }
    if let zip = try? ZipReader(bytes, entryLimit: 1 << 16) {
        for name in zip.names { _ = try? zip.read(name) }
    }
    if let book = try? WorkbookReader(bytes) {
        for name in book.sheetNames {
            guard let sheet = try? book.sheet(name) else { continue }
            let csv = sheet.csv()
            if let last = sheet.rows.last, csv.filter({ $0 == 0x0A }).count < last.number {
                fuzzFail("the CSV of sheet \(name) has fewer lines than its last row \(last.number)")
            }
        }
    }
    // The bytes as a sheet's XML and as shared strings, inside a workbook of our own making.
    var archive = ZipArchive()
    archive.add("xl/workbook.xml", Array(#"<workbook><sheets><sheet name="s" r:id="rId1"/></sheets></workbook>"#.utf8))
    archive.add("xl/_rels/workbook.xml.rels", Array(("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>").utf8))
    archive.add("xl/worksheets/sheet1.xml", bytes)
    archive.add("xl/sharedStrings.xml", bytes)
    if let book = try? WorkbookReader(archive.finish()) { _ = (try? book.sheet("s"))?.csv() }
    return 0
}
