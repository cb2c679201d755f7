import Tabular

/// The steps for every input column, turning a table into numeric features.
///
/// `fit` learns on training rows only; the ``Fitted`` pipeline transforms any table with the same
/// columns, never changing the number or order of rows. Columns without a recipe are left out.
/// Any value still missing after a column's steps (say, a column that had no missing values in
/// training) is filled with that feature's training median, so learners never see NaN.
public struct FeaturePipeline: Codable, Sendable, Equatable {
    /// One input column and its steps, in order.
    public struct ColumnRecipe: Codable, Sendable, Equatable {
        public var column: String
        public var steps: [FeatureStep]

        public init(column: String, steps: [FeatureStep]) {
            self.column = column
            self.steps = steps
        }
    }

    public var columns: [ColumnRecipe]

    public init(columns: [ColumnRecipe]) {
        self.columns = columns
    }

    /// Fits every column's steps on `table`.
    public func fit(_ table: Table, target: EncodingTarget? = nil, seed: UInt64 = 0) throws(LearnersError) -> Fitted {
        try fitTransform(table, target: target, seed: seed).fitted
    }

    /// Fits on `table` and returns its features as the learner should train on them: target
    /// encodings of training rows are out-of-fold, unlike `fitted.transform(table)`.
    public func fitTransform(_ table: Table, target: EncodingTarget? = nil, seed: UInt64 = 0) throws(LearnersError) -> (
        fitted: Fitted, features: Table
    ) {
        var fittedColumns: [Fitted.FittedColumn] = []
        var outputs: [Feature] = []
        var usedNames = Set<String>()
        for (position, recipe) in columns.enumerated() {
            guard let index = table.columnIndex(named: recipe.column) else {
                throw .missingColumn(name: recipe.column, available: table.columnNames)
            }
            let column = table.columns[index]
            let input = ColumnInput(column)
            var state = input.read(column)
            var steps: [FittedStep] = []
            for (k, step) in recipe.steps.enumerated() {
                let stepSeed = seed &+ UInt64(position) &* 1_000_003 &+ UInt64(k)
                let (fitted, next) = try step.fit(state, column: recipe.column, target: target, seed: stepSeed)
                steps.append(fitted)
                state = next
            }
            guard let produced = state.allFeatures else {
                throw .stepNotApplicable(
                    step: "the recipe", column: recipe.column,
                    reason: "its steps leave labels; end with an encoder (one-hot, ordinal, target, frequency or TF-IDF)")
            }
            var features = produced
            for k in features.indices {
                features[k].name = Self.unique(features[k].name, among: &usedNames)
            }
            let fills = features.map { FeatureStep.median($0.values.filter { !$0.isNaN }) ?? 0 }
            for (k, fill) in fills.enumerated() {
                features[k].values = features[k].values.map { $0.isNaN ? fill : $0 }
            }
            fittedColumns.append(
                Fitted.FittedColumn(
                    column: recipe.column, input: input, steps: steps, outputNames: features.map(\.name), fallbackFills: fills))
            outputs += features
        }
        return (Fitted(columns: fittedColumns), Fitted.table(outputs))
    }

    /// `name`, or `name#2`, `name#3`, … when taken; records the result in `used`.
    private static func unique(_ name: String, among used: inout Set<String>) -> String {
        var candidate = name
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(name)#\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// A fitted pipeline: applies exactly the training arithmetic to new tables. Codable.
    public struct Fitted: Codable, Sendable, Equatable {
        /// One column's fitted steps and the names of the features it produces.
        public struct FittedColumn: Codable, Sendable, Equatable {
            public var column: String
            public var input: ColumnInput
            public var steps: [FittedStep]
            public var outputNames: [String]
            /// Training median of each output, for values still missing after the steps.
            public var fallbackFills: [Double]
        }

        /// The version of this layout that this build writes and reads.
        public static let currentFormatVersion = 1

        public var formatVersion: Int
        public var columns: [FittedColumn]

        init(columns: [FittedColumn]) {
            formatVersion = Self.currentFormatVersion
            self.columns = columns
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            formatVersion = try container.decode(Int.self, forKey: .formatVersion)
            guard formatVersion <= Self.currentFormatVersion else {
                throw LearnersError.unsupportedVersion(found: formatVersion, supported: Self.currentFormatVersion)
            }
            columns = try container.decode([FittedColumn].self, forKey: .columns)
        }

        /// The output feature names, in order.
        public var featureNames: [String] { columns.flatMap(\.outputNames) }

        /// The features of `table` (same columns as in training, by name; extra columns ignored).
        /// - Throws: ``LearnersError/missingColumn(name:available:)`` when a training column is absent.
        public func transform(_ table: Table) throws(LearnersError) -> Table {
            var outputs: [Feature] = []
            for fitted in columns {
                guard let index = table.columnIndex(named: fitted.column) else {
                    throw .missingColumn(name: fitted.column, available: table.columnNames)
                }
                var state = fitted.input.read(table.columns[index])
                for step in fitted.steps { state = step.apply(state) }
                guard let produced = state.allFeatures else {
                    preconditionFailure("fitting guarantees every recipe ends in features")
                }
                for (k, feature) in produced.enumerated() {
                    let fill = fitted.fallbackFills[k]
                    outputs.append(Feature(name: fitted.outputNames[k], values: feature.values.map { $0.isNaN ? fill : $0 }))
                }
            }
            return Self.table(outputs)
        }

        static func table(_ features: [Feature]) -> Table {
            Table(columns: features.map { Column(name: $0.name, type: .real, storage: .numeric($0.values)) })
        }
    }
}
