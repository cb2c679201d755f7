import Tabular

/// What a learner predicts: two classes, several classes, or a number. The same three kinds the
/// profiler infers for a target, so one type names them everywhere.
public typealias Task = ProblemType
