import GRDB

/// The trial store's schema, as a list of migrations applied in order. A migration is never edited
/// once released: schema changes come as new migrations appended here.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: studies, trials, parameters, intermediate values") { db in
            try db.execute(
                sql: """
                    CREATE TABLE studies (
                        name TEXT PRIMARY KEY NOT NULL,
                        space TEXT NOT NULL,
                        direction TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        parents TEXT NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE TABLE trials (
                        study TEXT NOT NULL REFERENCES studies(name) ON DELETE CASCADE,
                        number INTEGER NOT NULL,
                        assignment TEXT NOT NULL,
                        status TEXT NOT NULL,
                        value REAL,
                        error TEXT,
                        seed INTEGER NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        started_at REAL,
                        finished_at REAL,
                        PRIMARY KEY (study, number)
                    );
                    CREATE INDEX trials_by_status ON trials(study, status);
                    CREATE TABLE trial_parameters (
                        study TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (study, number, name),
                        FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                    );
                    CREATE TABLE intermediate_values (
                        study TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        step INTEGER NOT NULL,
                        value REAL,
                        PRIMARY KEY (study, number, step),
                        FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                    );
                    """)
        }
        migrator.registerMigration("v2: jobs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE jobs (
                        name TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        output_directory TEXT NOT NULL,
                        status TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        elapsed_seconds REAL NOT NULL,
                        created_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v3: job owners and heartbeats, trial process groups, sampler fallbacks") { db in
            try db.execute(
                sql: """
                    ALTER TABLE jobs ADD COLUMN owner TEXT;
                    ALTER TABLE jobs ADD COLUMN heartbeat_at REAL;
                    ALTER TABLE trials ADD COLUMN process TEXT;
                    ALTER TABLE trials ADD COLUMN sampler_fallback TEXT;
                    """)
        }
        return migrator
    }
}
