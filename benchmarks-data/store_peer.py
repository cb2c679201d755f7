"""The peer of StoreBenchmark: one Optuna worker asking for and telling zero-cost trials of a 6-D
study through optuna.storages.RDBStorage on the same PostgreSQL server, random sampling.
Usage: python store_peer.py URL STUDY TRIALS SEED   (CSV operation,milliseconds on stdout; start and end rows: the loop's
first and last instants in milliseconds since 1970)"""
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
url, name, trials, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
storage = optuna.storages.RDBStorage(url)
study = optuna.load_study(study_name=name, storage=storage, sampler=optuna.samplers.RandomSampler(seed=seed))
space = {f"x{i}": optuna.distributions.FloatDistribution(0, 1) for i in range(1, 7)}
rows = ["operation,milliseconds", f"start,{time.time() * 1000}"]
for _ in range(trials):
    asked = time.perf_counter()
    trial = study.ask(space)
    told = time.perf_counter()
    study.tell(trial, sum(trial.params.values()))
    done = time.perf_counter()
    rows.append(f"ask,{(told - asked) * 1000}")
    rows.append(f"tell,{(done - told) * 1000}")
rows.append(f"end,{time.time() * 1000}")
print("\n".join(rows))
