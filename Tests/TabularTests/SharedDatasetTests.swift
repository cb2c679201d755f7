import Foundation
import TestSupport
import Testing

@testable import Tabular

/// Every real dataset in `../shared/datasets/` loads with the right shape and column types.
@Suite struct SharedDatasetTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var name: String
        var rows: Int
        var types: [String: ColumnType]
        var columns: Int
        var description: String { name }
    }

    static let expectations: [Expectation] = [
        Expectation(
            name: "titanic", rows: 891,
            types: [
                "survived": .boolean, "pclass": .categorical, "name": .text, "sex": .categorical, "age": .real,
                "sibsp": .integer, "parch": .integer, "ticket": .categorical, "fare": .real, "cabin": .categorical,
                "embarked": .categorical,
            ], columns: 11),
        Expectation(
            name: "adult", rows: 32_561,
            types: [
                "age": .integer, "workclass": .categorical, "fnlwgt": .integer, "education": .categorical,
                "education_num": .integer, "marital_status": .categorical, "occupation": .categorical,
                "relationship": .categorical, "race": .categorical, "sex": .categorical, "capital_gain": .integer,
                "capital_loss": .integer, "hours_per_week": .integer, "native_country": .categorical, "class": .categorical,
            ], columns: 15),
        Expectation(
            name: "bank_churn", rows: 10_000,
            types: [
                "RowNumber": .identifier, "CustomerId": .identifier, "Surname": .categorical, "CreditScore": .integer,
                "Geography": .categorical, "Gender": .categorical, "Age": .integer, "Tenure": .integer, "Balance": .real,
                "NumOfProducts": .categorical, "HasCrCard": .boolean, "IsActiveMember": .boolean, "EstimatedSalary": .real,
                "Exited": .boolean,
            ], columns: 14),
        Expectation(
            name: "penguins", rows: 344,
            types: [
                "species": .categorical, "island": .categorical, "bill_length_mm": .real, "bill_depth_mm": .real,
                "flipper_length_mm": .real, "body_mass_g": .real, "sex": .categorical,
            ], columns: 7),
        Expectation(
            name: "wine_quality", rows: 6_497,
            types: [
                "fixed acidity": .real, "volatile acidity": .real, "citric acid": .real, "residual sugar": .real,
                "chlorides": .real, "free sulfur dioxide": .real, "total sulfur dioxide": .real, "density": .real,
                "pH": .real, "sulphates": .real, "alcohol": .real, "color": .categorical, "quality": .integer,
            ], columns: 13),
        Expectation(
            name: "diamonds", rows: 53_940,
            types: [
                "carat": .real, "cut": .categorical, "color": .categorical, "clarity": .categorical, "depth": .real,
                "table": .real, "price": .integer, "x": .real, "y": .real, "z": .real,
            ], columns: 10),
        Expectation(
            name: "taxis", rows: 6_433,
            types: [
                "pickup": .datetime, "dropoff": .datetime, "passengers": .integer, "distance": .real, "fare": .real,
                "color": .categorical, "payment": .categorical, "pickup_zone": .categorical, "dropoff_zone": .categorical,
                "pickup_borough": .categorical, "dropoff_borough": .categorical,
            ], columns: 11),
        Expectation(
            name: "california_housing", rows: 20_640,
            types: [
                "longitude": .real, "latitude": .real, "housing_median_age": .real, "total_rooms": .real,
                "total_bedrooms": .real, "population": .real, "households": .real, "median_income": .real,
                "median_house_value": .real, "ocean_proximity": .categorical,
            ], columns: 10),
        Expectation(
            name: "ames_housing", rows: 2_930,
            types: [
                "Order": .identifier, "PID": .identifier, "MS SubClass": .integer, "MS Zoning": .categorical,
                "Lot Frontage": .real, "Alley": .categorical, "Pool QC": .categorical, "Central Air": .boolean,
                "Garage Yr Blt": .real, "Mas Vnr Type": .categorical, "Gr Liv Area": .integer, "SalePrice": .integer,
            ], columns: 82),
    ]

    @Test(arguments: expectations)
    func loadsWithTheRightTypes(_ expected: Expectation) throws {
        let output = try CSVReader().read(Fixtures.sharedDataset(expected.name))
        let table = output.table
        #expect(table.rowCount == expected.rows)
        #expect(table.columnCount == expected.columns)
        #expect(output.warnings.isEmpty)
        for (name, type) in expected.types {
            #expect(try table.column(named: name).type == type, "\(expected.name).\(name)")
        }
        // The fixed splits have the same columns and types as the whole file.
        let train = try CSVReader().read(Fixtures.sharedDataset(expected.name + "_train")).table
        let test = try CSVReader().read(Fixtures.sharedDataset(expected.name + "_test")).table
        #expect(train.rowCount + test.rowCount == expected.rows)
        #expect(train.columnNames == table.columnNames)
    }

    @Test func amesKeepsNAAsTheNoneCategoryAndEmptyAsMissing() throws {
        let table = try CSVReader().read(Fixtures.sharedDataset("ames_housing")).table
        let pool = try table.column(named: "Pool QC")
        #expect(pool.missingCount == 0)
        #expect(pool.codes.filter { pool.levels[Int($0)] == "NA" }.count == 2_917)
        #expect(try table.column(named: "Lot Frontage").missingCount == 490)
        // Across the 14 columns where NA means "none", 13,278 cells keep it as a category.
        let kept = table.columns.filter { $0.inference.markersKeptAsCategories.contains("NA") }
        let cells = kept.reduce(0) { total, column in
            total + column.codes.filter { $0 != Column.missingCode && column.levels[Int($0)] == "NA" }.count
        }
        #expect(kept.count == 14)
        #expect(cells == 13_278)
    }

    @Test func missingValuesMatchTheDatasetNotes() throws {
        let titanic = try CSVReader().read(Fixtures.sharedDataset("titanic")).table
        #expect(try titanic.column(named: "age").missingCount == 177)
        #expect(try titanic.column(named: "embarked").missingCount == 2)
        let adult = try CSVReader().read(Fixtures.sharedDataset("adult")).table
        #expect(try adult.column(named: "workclass").missingCount == 1_836)
        let california = try CSVReader().read(Fixtures.sharedDataset("california_housing")).table
        #expect(try california.column(named: "total_bedrooms").missingCount == 207)
    }
}
