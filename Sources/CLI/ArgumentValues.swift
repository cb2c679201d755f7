import ArgumentParser
import Learners
import Tabular

// Option values parsed and listed by argument-parser from the enums themselves: `--help` shows every
// value the code accepts, and a wrong one is refused (exit 2) with the list.

extension Metric: ExpressibleByArgument {}

extension ProblemType: ExpressibleByArgument {}

extension MissingMarkerPolicy: ExpressibleByArgument {}
