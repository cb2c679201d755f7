import Foundation
import GRDB

extension SQLiteTrialStore {
    public func saveAttachment(study: String, number: Int, data: Data) throws(TuningError) {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM trials WHERE study = ? AND number = ?", arguments: [study, number]) != nil else {
                throw TuningError.unknownTrial(study: study, number: number)
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO trial_attachments (study, number, content) VALUES (?, ?, ?)", arguments: [study, number, data])
        }
    }

    public func attachment(study: String, number: Int) throws(TuningError) -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT content FROM trial_attachments WHERE study = ? AND number = ?", arguments: [study, number])
        }
    }

    public func removeAttachments(study: String) throws(TuningError) {
        try write { db in try db.execute(sql: "DELETE FROM trial_attachments WHERE study = ?", arguments: [study]) }
    }
}
