#!/usr/bin/env python3
"""Optuna 3.1's TPESampler (multivariate) and RandomSampler on synthetic.mjs's objective: the samplers alone,
on the same function, with no training noise. Prints one JSON line per sampler: the best value after 20 and
40 trials for each seed, and the sampler's time per trial (the objective costs nothing).
/usr/bin/python3 synthetic.py --seeds 0,1,2,3,4,5,6 --trials 40
"""
import argparse, json, math, time, warnings
import optuna

warnings.filterwarnings('ignore')
optuna.logging.set_verbosity(optuna.logging.WARNING)
ap = argparse.ArgumentParser()
ap.add_argument('--seeds', default='0,1,2,3,4,5,6')
ap.add_argument('--trials', type=int, default=40)
a = ap.parse_args()


def loss(p):
    # Its minimum at lr 0.01, momentum 0.8, batch size 96, 12 epochs, adamw (the same in synthetic.mjs).
    lr = math.log10(p['lr']) + 2
    m = p['momentum'] - 0.8
    b = math.log2(p['batchSize']) - math.log2(96)
    e = (p['epochs'] - 12) / 10
    return lr * lr + 4 * m * m + 0.3 * b * b + e * e + (0 if p['optimizer'] == 'adamw' else 0.5)


def objective(t):
    return loss({'lr': t.suggest_float('lr', 1e-5, 1, log=True), 'momentum': t.suggest_float('momentum', 0, 0.99),
                 'batchSize': t.suggest_int('batchSize', 8, 256, log=True), 'epochs': t.suggest_int('epochs', 1, 20),
                 'optimizer': t.suggest_categorical('optimizer', ['sgd', 'adam', 'adamw'])})


for name, make in [('optuna-tpe', lambda s: optuna.samplers.TPESampler(multivariate=True, seed=s)), ('optuna-random', lambda s: optuna.samplers.RandomSampler(seed=s))]:
    results = []
    for seed in [int(s) for s in a.seeds.split(',')]:
        study = optuna.create_study(sampler=make(seed))
        t0 = time.perf_counter()
        study.optimize(objective, n_trials=a.trials)
        wall = time.perf_counter() - t0
        values = [t.value for t in study.trials]
        results.append({'seed': seed, 'values': values, 'wall_s': wall, 'train_s': 0})
    print(json.dumps({'sampler': name, 'data': 'synthetic', 'metric': 'loss', 'results': results}))
