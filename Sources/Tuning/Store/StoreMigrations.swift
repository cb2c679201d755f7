import GRDB

/// The trial store's schema, as a list of migrations applied in order. A migration is never edited
/// once released: schema changes come as new migrations appended here, to both lists: SQLite's
/// (``migrator``, GRDB) and PostgreSQL's (``postgreSQL``), with the same identifiers, tables and
/// columns in each dialect (a test compares the two schemas).
enum StoreMigrations {
    /// One migration in PostgreSQL's dialect: its statements, run in one transaction.
    struct Migration {
        let identifier: String
        let statements: [String]
    }

    /// The same migrations as ``migrator``, for ``PostgreSQLTrialStore``: REAL is DOUBLE PRECISION
    /// and INTEGER is BIGINT, so every value reads back as it does from SQLite.
    static let postgreSQL: [Migration] = [
        Migration(
            identifier: "v1: studies, trials, parameters, intermediate values",
            statements: [
                """
                CREATE TABLE studies (
                    name TEXT PRIMARY KEY NOT NULL,
                    space TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    seed BIGINT NOT NULL,
                    parents TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE trials (
                    study TEXT NOT NULL REFERENCES studies(name) ON DELETE CASCADE,
                    number BIGINT NOT NULL,
                    assignment TEXT NOT NULL,
                    status TEXT NOT NULL,
                    value DOUBLE PRECISION,
                    error TEXT,
                    seed BIGINT NOT NULL,
                    attempts BIGINT NOT NULL DEFAULT 0,
                    started_at DOUBLE PRECISION,
                    finished_at DOUBLE PRECISION,
                    PRIMARY KEY (study, number)
                )
                """,
                "CREATE INDEX trials_by_status ON trials(study, status)",
                """
                CREATE TABLE trial_parameters (
                    study TEXT NOT NULL,
                    number BIGINT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (study, number, name),
                    FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                )
                """,
                """
                CREATE TABLE intermediate_values (
                    study TEXT NOT NULL,
                    number BIGINT NOT NULL,
                    step BIGINT NOT NULL,
                    value DOUBLE PRECISION,
                    PRIMARY KEY (study, number, step),
                    FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                )
                """,
            ]),
        Migration(
            identifier: "v2: jobs",
            statements: [
                """
                CREATE TABLE jobs (
                    name TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    output_directory TEXT NOT NULL,
                    status TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    elapsed_seconds DOUBLE PRECISION NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL
                )
                """
            ]),
        Migration(
            identifier: "v3: job owners and heartbeats, trial process groups, sampler fallbacks",
            statements: [
                "ALTER TABLE jobs ADD COLUMN owner TEXT",
                "ALTER TABLE jobs ADD COLUMN heartbeat_at DOUBLE PRECISION",
                "ALTER TABLE trials ADD COLUMN process TEXT",
                "ALTER TABLE trials ADD COLUMN sampler_fallback TEXT",
            ]),
        Migration(
            identifier: "v4: trial workers and heartbeats",
            statements: [
                "ALTER TABLE trials ADD COLUMN worker TEXT",
                "ALTER TABLE trials ADD COLUMN heartbeat_at DOUBLE PRECISION",
            ]),
        Migration(
            identifier: "v5: trial attachments",
            statements: [
                """
                CREATE TABLE trial_attachments (
                    study TEXT NOT NULL,
                    number BIGINT NOT NULL,
                    content BYTEA NOT NULL,
                    PRIMARY KEY (study, number),
                    FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                )
                """
            ]),
    ]

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
        migrator.registerMigration("v4: trial workers and heartbeats") { db in
            try db.execute(
                sql: """
                    ALTER TABLE trials ADD COLUMN worker TEXT;
                    ALTER TABLE trials ADD COLUMN heartbeat_at REAL;
                    """)
        }
        migrator.registerMigration("v5: trial attachments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE trial_attachments (
                        study TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        content BLOB NOT NULL,
                        PRIMARY KEY (study, number),
                        FOREIGN KEY (study, number) REFERENCES trials(study, number) ON DELETE CASCADE
                    );
                    """)
        }
        return migrator
    }
}
