public import GRDB
internal import GRDBSQLite

/// Reads the audit table in sequence order at SQLite speed: the columns are handed to `body` as byte buffers that
/// are valid only during the call (no per-row objects). Used by `audit verify`, which hashes a million records.
public enum AuditScanner {
    /// One row, borrowed for the duration of the callback.
    public struct BorrowedRow {
        fileprivate let handle: OpaquePointer

        /// The sequence number.
        public var seq: Int64 { sqlite3_column_int64(handle, 0) }
        /// Field `index` (0 time, 1 officer, 2 action, 3 object, 4 details) as UTF-8 bytes.
        public func field(_ index: Int) -> UnsafeRawBufferPointer { column(Int32(index) + 1) }
        /// The stored previous hash.
        public var prevHash: UnsafeRawBufferPointer { column(6) }
        /// The stored hash.
        public var hash: UnsafeRawBufferPointer { column(7) }

        private func column(_ index: Int32) -> UnsafeRawBufferPointer {
            let pointer = sqlite3_column_blob(handle, index)  // text columns give their UTF-8 bytes
            return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_column_bytes(handle, index)))
        }
    }

    /// Calls `body` for every audit record in sequence order.
    public static func forEach(_ db: Database, _ body: (BorrowedRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: "SELECT seq, time, officer, action, object, details, prevHash, hash FROM audit ORDER BY seq")
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw RegistryError.database(operation: "scan audit", reason: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
            try body(BorrowedRow(handle: handle))
        }
    }
}
