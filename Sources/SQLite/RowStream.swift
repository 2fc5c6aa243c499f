import CSQLite

/// Supplies the rows of a `RowStream` table, one at a time, to the statement reading it.
///
/// Both methods are called on the thread that steps the statement.
public protocol RowStreamSource: AnyObject {
    /// Moves to the next row (the first one on the first call).
    func advance() -> RowStreamStep
    /// Gives column `index` (0-based, in the order of `RowStream.columns`) of the current row.
    func column(_ index: Int32, _ result: ColumnResult)
}

/// What `RowStreamSource.advance()` found.
public enum RowStreamStep: Sendable {
    /// There is a current row.
    case row
    /// No more rows: the statement completes normally.
    case end
    /// Stop: the statement fails with `SQLITE_ABORT` and SQLite rolls it back.
    case abort
}

/// The result slot of one column of the current row (`sqlite3_result_*`).
public struct ColumnResult {
    let context: OpaquePointer

    /// An integer.
    public func int64(_ value: Int64) { sqlite3_result_int64(context, value) }

    /// Text given as UTF-8 bytes; SQLite copies them.
    public func text(utf8 bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            sqlite3_result_text(context, "", 0, hallbar_transient())
            return
        }
        sqlite3_result_text(context, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), hallbar_transient())
    }

    /// A `String` as text; SQLite copies the bytes.
    public func text(_ value: String) {
        var value = value
        value.withUTF8 { text(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// A blob; SQLite copies the bytes.
    public func blob(_ bytes: UnsafeRawBufferPointer) {
        sqlite3_result_blob(context, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(bytes.count),
                            hallbar_transient())
    }

    /// NULL.
    public func null() { sqlite3_result_null(context) }
}

/// A table whose rows come from Swift while a statement reads it: an eponymous-only
/// virtual table (https://sqlite.org/vtab.html) registered on one connection.
///
/// It lets one `INSERT … SELECT … FROM name` load rows as a program produces them, one
/// statement for the whole load instead of one per row or per batch: SQLite then keeps one
/// statement journal and one VDBE program for every row, as in `sqlite3`'s own
/// `INSERT … SELECT`. The table can be scanned once at a time, in full (no constraints
/// are used); `source` must be set while a statement reads it.
///
/// ```swift
/// let stream = try RowStream(on: db, name: "incoming", columns: ["id INTEGER", "name TEXT"])
/// stream.source = mySource
/// try db.execute("INSERT INTO people (id, name) SELECT id, name FROM incoming")
/// ```
public final class RowStream {
    /// The table's name, as used in SQL.
    public let name: String
    /// The columns as declared (`name TYPE`), in order.
    public let columns: [String]
    /// Where the rows come from; nil reads as an empty table.
    public var source: (any RowStreamSource)? {
        get { slot.source }
        set { slot.source = newValue }
    }

    private let slot: Slot

    /// Registers the table on `db` (replacing a module of the same name). The registration
    /// lasts as long as the connection: once this object is gone, the table reads as empty.
    /// - Throws: `SQLiteError` when SQLite refuses the module.
    public init(on db: Connection, name: String, columns: [String]) throws {
        self.name = name
        self.columns = columns
        slot = Slot(declaration: "CREATE TABLE x(" + columns.joined(separator: ", ") + ")")
        // SQLite owns one reference to the slot and releases it when the module is replaced
        // or the connection closes (the destructor below).
        let aux = Unmanaged.passRetained(slot).toOpaque()
        let rc = sqlite3_create_module_v2(db.handle, name, rowStreamModule, aux) { aux in
            if let aux { Unmanaged<Slot>.fromOpaque(aux).release() }
        }
        if rc != SQLITE_OK { throw db.error(rc, sql: nil) }
    }

    deinit {
        slot.source = nil
    }

    /// What the module's callbacks reach through the client-data pointer.
    fileprivate final class Slot {
        let declaration: String
        var source: (any RowStreamSource)?
        init(declaration: String) { self.declaration = declaration }
    }
}

/// The methods, shared by every registration (never freed): eponymous-only (no xCreate),
/// read-only, one full scan per cursor.
nonisolated(unsafe) private let rowStreamModule: UnsafeMutablePointer<sqlite3_module> = {
    let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
    var m = sqlite3_module()
    m.iVersion = 1
    m.xCreate = nil
    m.xConnect = { db, aux, _, _, vtabOut, _ in
        guard let db, let aux, let vtabOut else { return SQLITE_MISUSE }
        let slot = Unmanaged<RowStream.Slot>.fromOpaque(aux).takeUnretainedValue()
        let rc = sqlite3_declare_vtab(db, slot.declaration)
        guard rc == SQLITE_OK else { return rc }
        vtabOut.pointee = VTable.allocate(slot: aux)
        return SQLITE_OK
    }
    m.xBestIndex = { _, info in
        guard let info else { return SQLITE_MISUSE }
        info.pointee.estimatedCost = 1_000_000
        info.pointee.estimatedRows = 1_000_000
        return SQLITE_OK
    }
    m.xDisconnect = { table in
        VTable.free(table)
        return SQLITE_OK
    }
    m.xDestroy = { table in
        VTable.free(table)
        return SQLITE_OK
    }
    m.xOpen = { table, cursorOut in
        guard let table, let cursorOut else { return SQLITE_MISUSE }
        cursorOut.pointee = Cursor.allocate(table: table)
        return SQLITE_OK
    }
    m.xClose = { cursor in
        Cursor.free(cursor)
        return SQLITE_OK
    }
    m.xFilter = { cursor, _, _, _, _ in
        guard let cursor else { return SQLITE_MISUSE }
        return Cursor.advance(cursor)
    }
    m.xNext = { cursor in
        guard let cursor else { return SQLITE_MISUSE }
        return Cursor.advance(cursor)
    }
    m.xEof = { cursor in
        guard let cursor else { return 1 }
        return Cursor.state(cursor).pointee.atEnd ? 1 : 0
    }
    m.xColumn = { cursor, context, index in
        guard let cursor, let context else { return SQLITE_MISUSE }
        guard let source = Cursor.slot(cursor).source else {
            sqlite3_result_null(context)
            return SQLITE_OK
        }
        source.column(index, ColumnResult(context: context))
        return SQLITE_OK
    }
    m.xRowid = { cursor, rowid in
        guard let cursor, let rowid else { return SQLITE_MISUSE }
        rowid.pointee = Cursor.state(cursor).pointee.rowid
        return SQLITE_OK
    }
    module.initialize(to: m)
    return module
}()

/// The `sqlite3_vtab` header followed by the registration's slot (owned by SQLite's
/// client-data reference, which outlives every table of the module).
private enum VTable {
    static let slotOffset = (MemoryLayout<sqlite3_vtab>.stride + 15) & ~15
    static let size = slotOffset + MemoryLayout<UnsafeMutableRawPointer>.stride

    static func allocate(slot: UnsafeMutableRawPointer) -> UnsafeMutablePointer<sqlite3_vtab> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        let table = raw.bindMemory(to: sqlite3_vtab.self, capacity: 1)
        table.initialize(to: sqlite3_vtab())
        raw.storeBytes(of: slot, toByteOffset: slotOffset, as: UnsafeMutableRawPointer.self)
        return table
    }

    static func slot(_ table: UnsafeMutablePointer<sqlite3_vtab>) -> RowStream.Slot {
        let aux = UnsafeMutableRawPointer(table).load(fromByteOffset: slotOffset, as: UnsafeMutableRawPointer.self)
        return Unmanaged<RowStream.Slot>.fromOpaque(aux).takeUnretainedValue()
    }

    static func free(_ table: UnsafeMutablePointer<sqlite3_vtab>?) {
        guard let table else { return }
        table.deinitialize(count: 1)
        UnsafeMutableRawPointer(table).deallocate()
    }
}

/// The `sqlite3_vtab_cursor` header followed by the scan's state.
private enum Cursor {
    struct State {
        var rowid: Int64 = 0
        var atEnd = false
    }

    static let stateOffset = (MemoryLayout<sqlite3_vtab_cursor>.stride + 15) & ~15
    static let size = stateOffset + MemoryLayout<State>.stride

    static func allocate(table: UnsafeMutablePointer<sqlite3_vtab>) -> UnsafeMutablePointer<sqlite3_vtab_cursor> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        let cursor = raw.bindMemory(to: sqlite3_vtab_cursor.self, capacity: 1)
        cursor.initialize(to: sqlite3_vtab_cursor(pVtab: table))
        (raw + stateOffset).bindMemory(to: State.self, capacity: 1).initialize(to: State())
        return cursor
    }

    static func state(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> UnsafeMutablePointer<State> {
        (UnsafeMutableRawPointer(cursor) + stateOffset).assumingMemoryBound(to: State.self)
    }

    static func slot(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> RowStream.Slot {
        VTable.slot(cursor.pointee.pVtab)
    }

    static func advance(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>) -> Int32 {
        let state = state(cursor)
        guard let source = slot(cursor).source else {
            state.pointee.atEnd = true
            return SQLITE_OK
        }
        switch source.advance() {
        case .row:
            state.pointee.rowid += 1
            return SQLITE_OK
        case .end:
            state.pointee.atEnd = true
            return SQLITE_OK
        case .abort:
            state.pointee.atEnd = true
            return SQLITE_ABORT
        }
    }

    static func free(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) {
        guard let cursor else { return }
        let raw = UnsafeMutableRawPointer(cursor)
        (raw + stateOffset).assumingMemoryBound(to: State.self).deinitialize(count: 1)
        cursor.deinitialize(count: 1)
        raw.deallocate()
    }
}
