#!/usr/bin/env python3
"""lrkit-bench's PyTorch peer for the seed job (the team's reference: shared/reference/seed_torch.py).

The job: WDBC breast-cancer data (scikit-learn's bundled copy), diagnosis encoded B=0 M=1, 80/20 split,
StandardScaler fitted on the training split, MLP 30-64-ReLU-1-Sigmoid, BCELoss, Adam lr 1e-3,
StepLR(step_size=10, gamma=0.1) stepped per epoch, 50 epochs of shuffled minibatches of 32.

Request {"op": "job", "seed": S} runs the whole job after the imports and answers
{"job_ms", "loop_ms", "accuracy"}: job_ms from loading the data to the test accuracy, loop_ms the
training epochs alone (what TrainResult.trainMs measures on the lrkit side).
"""
import time

from peer_serve import fail, fit, serve, training_args

try:
    import numpy as np
    import torch
    import torch.nn as nn
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
except Exception as e:
    fail(f"import failed: {e}")

args = training_args()


def job(seed):
    t0 = time.perf_counter()
    torch.manual_seed(seed)
    data = load_breast_cancer()
    x = data.data.astype(np.float64)
    y = (data.target == 0).astype(np.float32)  # malignant = 1, as LabelEncoder orders B, M
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=seed)
    scaler = StandardScaler().fit(xtr)
    xtr = torch.tensor(scaler.transform(xtr), dtype=torch.float32)
    xte = torch.tensor(scaler.transform(xte), dtype=torch.float32)
    ytr = torch.tensor(ytr).view(-1, 1)
    yte = torch.tensor(yte).view(-1, 1)
    model = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())
    loop_ms = fit(model, nn.BCELoss(), xtr, ytr, args)
    with torch.no_grad():
        acc = ((model(xte) > 0.5).float() == yte).float().mean().item()
    t3 = time.perf_counter()
    return {"job_ms": (t3 - t0) * 1e3, "loop_ms": loop_ms, "accuracy": acc}


job(0)  # warm-up: first-call costs (allocator, dataset cache) stay out of the measurements
serve(
    {"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()},
    {"job": lambda msg: job(int(msg.get("seed", 0)))},
)
