import CSQLite

/// SQL text as SQLite reads it, without a database.
public enum SQLText {
    /// The statements of `sql`, each without its terminating `;`, split where SQLite itself
    /// would end a statement (`sqlite3_complete`: semicolons inside strings, quoted names,
    /// comments and trigger bodies do not end one). Text after the last complete statement
    /// (a comment, or an unfinished statement) is returned last when it is not blank.
    public static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        for byte in sql.utf8 {
            current.append(byte)
            guard byte == 0x3B else { continue }  // ';'
            let complete = current.withUnsafeBufferPointer { buffer -> Bool in
                var text = Array(buffer)
                text.append(0)
                return text.withUnsafeBufferPointer { sqlite3_complete(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) != 0 }
            }
            if complete {
                current.removeLast()
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        let rest = String(decoding: current, as: UTF8.self)
        if rest.contains(where: { !$0.isWhitespace }) { result.append(rest) }
        return result
    }
}
