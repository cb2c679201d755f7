"""Peers of the tuning-engine benchmark, on the same test functions as TunerBenchmark.

  python tuning_peers.py regret FUNCTION METHOD SEEDS EVALUATIONS
      METHOD: tpe (Optuna's default sampler), optuna-gp (Optuna GPSampler), skopt-gp (gp_minimize)
      CSV: function,method,seed,evaluation,regret
  python tuning_peers.py overhead OBSERVATIONS DIMENSION REPEATS
      seconds for scikit-optimize to produce its next point holding OBSERVATIONS observations
      (its Optimizer fits the GP and optimizes the acquisition when told a result; ask() then returns it)
      CSV: skopt-gp,observations,dimension,repeat,seconds
"""
import math
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

BOUNDS = {
    "branin": [(-5.0, 10.0), (0.0, 15.0)],
    "hartmann6": [(0.0, 1.0)] * 6,
    "rosenbrock4": [(-5.0, 10.0)] * 4,
    "ackley5": [(-32.768, 32.768)] * 5,
}
MINIMA = {"branin": 0.397887357729739, "hartmann6": -3.322368011391339, "rosenbrock4": 0.0, "ackley5": 0.0}


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def hartmann6(x):
    alpha = [1.0, 1.2, 3.0, 3.2]
    a = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    p = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
    total = 0.0
    for i in range(4):
        inner = sum(a[i][j] * (x[j] - p[i][j] * 1e-4) ** 2 for j in range(6))
        total += alpha[i] * math.exp(-inner)
    return -total


def rosenbrock4(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def ackley5(x):
    n = len(x)
    s = sum(v * v for v in x) / n
    c = sum(math.cos(2 * math.pi * v) for v in x) / n
    return -20 * math.exp(-0.2 * math.sqrt(s)) - math.exp(c) + 20 + math.e


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6, "rosenbrock4": rosenbrock4, "ackley5": ackley5}


def run_optuna(name, sampler, evaluations):
    import optuna

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    bounds, f = BOUNDS[name], FUNCTIONS[name]
    study = optuna.create_study(sampler=sampler, direction="minimize")
    values = []

    def objective(trial):
        x = [trial.suggest_float(f"x{i + 1}", lo, hi) for i, (lo, hi) in enumerate(bounds)]
        value = f(x)
        values.append(value)
        return value

    study.optimize(objective, n_trials=evaluations)
    return values


def run_skopt(name, seed, evaluations):
    from skopt import gp_minimize

    result = gp_minimize(FUNCTIONS[name], BOUNDS[name], n_calls=evaluations, random_state=seed)
    return list(result.func_vals)


def regret(name, method, seeds, evaluations):
    import optuna

    for seed in range(seeds):
        if method == "tpe":
            values = run_optuna(name, optuna.samplers.TPESampler(seed=seed), evaluations)
        elif method == "optuna-gp":
            values = run_optuna(name, optuna.samplers.GPSampler(seed=seed), evaluations)
        elif method == "skopt-gp":
            values = run_skopt(name, seed, evaluations)
        else:
            raise SystemExit(f"unknown method {method}")
        best = math.inf
        for index, value in enumerate(values):
            best = min(best, value)
            print(f"{name},{method},{seed},{index + 1},{max(best - MINIMA[name], 0.0)}")
        sys.stdout.flush()


def overhead(observations, dimension, repeats):
    from skopt import Optimizer

    for repeat in range(repeats):
        rng = np.random.default_rng(repeat + 1)
        points = rng.random((observations, dimension)).tolist()
        values = [hartmann6((p * 2)[:6]) for p in points]
        optimizer = Optimizer([(0.0, 1.0)] * dimension, base_estimator="GP", n_initial_points=10, random_state=repeat)
        optimizer.tell(points[:-1], values[:-1], fit=False)
        start = time.perf_counter()
        optimizer.tell(points[-1], values[-1], fit=True)
        optimizer.ask()
        print(f"skopt-gp,{observations},{dimension},{repeat},{time.perf_counter() - start}")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1] == "regret":
        regret(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "overhead":
        overhead(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
