import ArgumentParser
import AutoML
import Foundation
import LinearAlgebra
import Tabular
import Tuning

/// A problem with what the user asked for, found by the CLI itself.
struct InputError: Error, LocalizedError {
    var message: String
    var errorDescription: String? { message }
}
