# Optuna 3.1's importances (fANOVA, mean decrease in impurity) of the trials of `lrkit sweep run
# scripts/importance-sweep.json --json` (the file given), to set beside settingImportance's: /usr/bin/python3
# (Debian's python3-optuna and python3-sklearn) scripts/importance-vs-optuna.py OUT.json.
import json, sys, optuna
from optuna.distributions import FloatDistribution, CategoricalDistribution
from optuna.importance import FanovaImportanceEvaluator, MeanDecreaseImpurityImportanceEvaluator, get_param_importances
optuna.logging.set_verbosity(optuna.logging.WARNING)
o = json.load(open(sys.argv[1]))
cat = lambda v: json.dumps(v, separators=(',', ':'))
dists = {
  'lr': FloatDistribution(1e-4, 0.3, log=True),
  'schedule': CategoricalDistribution(sorted({cat(t['params']['schedule']) for t in o['trials']})),
  'hidden': CategoricalDistribution(sorted({cat(t['params']['hidden']) for t in o['trials']})),
  'batchSize': CategoricalDistribution([16, 64]),
}
study = optuna.create_study(direction='minimize')
for t in o['trials']:
  p = t['params']
  params = {'lr': p['lr'], 'schedule': cat(p['schedule']), 'hidden': cat(p['hidden']), 'batchSize': p['batchSize']}
  study.add_trial(optuna.trial.create_trial(params=params, distributions=dists, value=t['metrics']['testLoss']))
for name, ev in [('fANOVA', FanovaImportanceEvaluator(seed=0)), ('MDI', MeanDecreaseImpurityImportanceEvaluator(seed=0))]:
  imp = get_param_importances(study, evaluator=ev)
  print(name, ', '.join(f'{k} {v:.3f}' for k, v in imp.items()))
