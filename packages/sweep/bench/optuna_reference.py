#!/usr/bin/env python3
"""Optuna 3.1 (Debian python3-optuna) driving the PyTorch reference (tabular_torch.py) over the search
space of lrkit's comparison (compare.mjs): lr, batch size and hidden width. Each trial runs the reference
script in this process (runpy: torch is imported once, as a user's objective would), so the per-trial
overhead measured is Optuna's and the script's own set-up, not an interpreter start.

/usr/bin/python3 optuna_reference.py --reference ../../../../shared/reference/tabular_torch.py \
  --data digits.csv --target digit --trials 40 --seeds 0,1,2,3,4 --epochs 2 > optuna-digits.json
Prints one JSON line: per seed, the test accuracy of each trial in order, the study's wall seconds and
the training loops' seconds.

A table with text columns and gaps: --table --ignore id drives realtable_torch.py (pandas, one-hot, median
fill) instead, batch size fixed at its 32 (lr and hidden width searched). That script does not time its
training loop, so train_s is null and the table's overhead is not measured on this side.
"""
import argparse, contextlib, io, json, runpy, sys, time, warnings
import optuna

warnings.filterwarnings('ignore')
optuna.logging.set_verbosity(optuna.logging.WARNING)
ap = argparse.ArgumentParser()
ap.add_argument('--reference', required=True)
ap.add_argument('--data', required=True)
ap.add_argument('--target', required=True)
ap.add_argument('--trials', type=int, default=40)
ap.add_argument('--seeds', default='0,1,2,3,4')
ap.add_argument('--epochs', type=int, default=2)
ap.add_argument('--metric', choices=['accuracy', 'logLoss'], default='accuracy',
                help="logLoss: the test cross-entropy (minimised), from the script's model and test split")
ap.add_argument('--table', action='store_true', help='the reference is realtable_torch.py (batch 32, not searched)')
ap.add_argument('--ignore', default='', help='with --table: columns the reference leaves out (its --ignore)')
a = ap.parse_args()


def run_reference(lr, batch, hidden):
    if a.table:
        argv = ['realtable_torch.py', '--data', a.data, '--target', a.target, '--task', 'classification', '--seed', '1',
                '--epochs', str(a.epochs), '--lr', repr(lr), '--hidden', str(hidden)] + (['--ignore', a.ignore] if a.ignore else [])
        return run_script(argv)
    argv = ['tabular_torch.py', '--data', a.data, '--target', a.target, '--task', 'classification', '--seed', '1',
            '--split-seed', '1', '--epochs', str(a.epochs), '--lr', repr(lr), '--batch', str(batch), '--hidden', str(hidden)]
    return run_script(argv)


def run_script(argv):
    old, sys.argv = sys.argv, argv
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            g = runpy.run_path(a.reference, run_name='__main__')
    finally:
        sys.argv = old
    res = json.loads(out.getvalue().strip().splitlines()[-1])
    if a.metric == 'logLoss':
        import torch
        with torch.no_grad():
            z, y = g['model'](g['Xte']), torch.tensor(g['yte'])
            res['logLoss'] = float(torch.nn.functional.binary_cross_entropy_with_logits(z.view(-1), y.float()) if g['k'] == 2
                                   else torch.nn.functional.cross_entropy(z, y.long()))
    return res


results = []
for seed in [int(s) for s in a.seeds.split(',')]:
    train_s = None if a.table else 0.0

    def objective(trial):
        global train_s
        lr = trial.suggest_float('lr', 1e-4, 0.3, log=True)
        batch = None if a.table else trial.suggest_int('batchSize', 16, 128, log=True)
        res = run_reference(lr, batch, trial.suggest_int('hidden.0', 16, 256, log=True))
        if train_s is not None:
            train_s += res['train_s']
        return res[a.metric]

    study = optuna.create_study(direction='maximize' if a.metric == 'accuracy' else 'minimize', sampler=optuna.samplers.TPESampler(multivariate=True, seed=seed))
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=a.trials)
    wall = time.perf_counter() - t0
    results.append({'seed': seed, 'values': [t.value for t in study.trials], 'wall_s': wall, 'train_s': train_s})
print(json.dumps({'sampler': 'optuna-tpe', 'data': a.data, 'metric': a.metric, 'results': results}))
