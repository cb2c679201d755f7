import Foundation
import PostgresNIO

extension PostgreSQLTrialStore {
    public func saveAttachment(study: String, number: Int, data: Data) throws(TuningError) {
        try transaction { session in
            guard try session.row("SELECT 1 FROM trials WHERE study = \(study) AND number = \(number)") != nil else {
                throw TuningError.unknownTrial(study: study, number: number)
            }
            try session.execute(
                """
                INSERT INTO trial_attachments (study, number, content) VALUES (\(study), \(number), \(data))
                ON CONFLICT (study, number) DO UPDATE SET content = EXCLUDED.content
                """)
        }
    }

    public func attachment(study: String, number: Int) throws(TuningError) -> Data? {
        try transaction(readOnly: true) { session in
            try session.row("SELECT content FROM trial_attachments WHERE study = \(study) AND number = \(number)").map {
                try $0["content"].decode(Data.self)
            }
        }
    }

    public func removeAttachments(study: String) throws(TuningError) {
        _ = try transaction { session in try session.execute("DELETE FROM trial_attachments WHERE study = \(study)") }
    }
}
