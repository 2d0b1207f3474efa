#!/usr/bin/env python3
"""lrkit-bench's PyTorch peer for the tabular jobs (the team's reference: shared/reference/tabular_torch.py).

The seed's recipe on any CSV: features = every column but the target, 80/20 split (stratified for
classification), StandardScaler fitted on the training rows, MLP in-64-ReLU-out, Adam lr 1e-3,
StepLR(step_size=10, gamma=0.1) stepped per epoch, 50 epochs of shuffled minibatches of 32.
  classification: 2 classes one logit + BCEWithLogits, more classes k logits + cross-entropy;
  regression: one output, MSE on the standardised target, metrics mapped back to the target's units.

Request {"op": "job", "data": PATH, "target": NAME, "task": "classification"|"regression", "seed": S}
runs the whole job after the imports and answers {"job_ms", "loop_ms", "accuracy"} (classification) or
{"job_ms", "loop_ms", "r2", "rmse"} (regression): job_ms from reading the CSV to the test metric, loop_ms
the training epochs alone (what TrainResult.trainMs measures on the lrkit side).
"""
import csv
import time

from peer_serve import fail, fit, serve, training_args

try:
    import numpy as np
    import torch
    import torch.nn as nn
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
except Exception as e:
    fail(f"import failed: {e}")

args = training_args(lambda ap: ap.add_argument("--hidden", default="64"))


def job(path, target, task, seed):
    t0 = time.perf_counter()
    torch.manual_seed(seed)
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], [r for r in rows[1:] if r]
    ti = header.index(target)
    feats = [i for i in range(len(header)) if i != ti]
    x = np.array([[float(r[i]) for i in feats] for r in rows], dtype=np.float64)
    raw = [r[ti] for r in rows]
    if task == "classification":
        labels = sorted(set(raw))
        y = np.array([labels.index(v) for v in raw])
        strat = y
    else:
        y = np.array([float(v) for v in raw])
        strat = None
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=seed, stratify=strat)
    sc = StandardScaler().fit(xtr)
    xtr = torch.tensor(sc.transform(xtr), dtype=torch.float32)
    xte = torch.tensor(sc.transform(xte), dtype=torch.float32)
    k = len(labels) if task == "classification" else 0
    out = 1 if task == "regression" or k == 2 else k
    sizes = [x.shape[1]] + [int(h) for h in args.hidden.split(",")]
    layers = []
    for i, o in zip(sizes, sizes[1:]):
        layers += [nn.Linear(i, o), nn.ReLU()]
    model = nn.Sequential(*layers, nn.Linear(sizes[-1], out))
    if task == "regression":
        ym, ys = ytr.mean(), ytr.std()
        ytr_t = torch.tensor((ytr - ym) / ys, dtype=torch.float32).view(-1, 1)
        crit = nn.MSELoss()
    elif k == 2:
        ytr_t = torch.tensor(ytr, dtype=torch.float32).view(-1, 1)
        crit = nn.BCEWithLogitsLoss()
    else:
        ytr_t = torch.tensor(ytr, dtype=torch.long)
        crit = nn.CrossEntropyLoss()
    loop_ms = fit(model, crit, xtr, ytr_t, args)
    with torch.no_grad():
        z = model(xte)
    if task == "regression":
        err = z.view(-1).numpy().astype(np.float64) * ys + ym - yte
        res = {"rmse": float(np.sqrt(np.mean(err**2))), "r2": float(1 - np.sum(err**2) / np.sum((yte - yte.mean()) ** 2))}
    else:
        pred = (z.view(-1) > 0).long().numpy() if k == 2 else z.argmax(1).numpy()
        res = {"accuracy": float(np.mean(pred == yte))}
    t3 = time.perf_counter()
    return {"job_ms": (t3 - t0) * 1e3, "loop_ms": loop_ms, **res}


def handle(msg):
    task = msg.get("task")
    if task not in ("classification", "regression"):
        raise ValueError(f"task must be classification or regression, not {task!r}")
    return job(str(msg["data"]), str(msg["target"]), task, int(msg.get("seed", 0)))


serve({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}, {"job": handle})
