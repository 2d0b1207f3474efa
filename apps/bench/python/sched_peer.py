#!/usr/bin/env python3
"""lrkit-bench's PyTorch peer for scheduler.step(): ns per step, and the rates, for an lrkit spec.

Usage: sched_peer.py DIR, where DIR holds @lrkit/schedulers' torch_schedulers.py: the one translation of an
lrkit spec (exampleSpecs() in @lrkit/schedulers) into the torch.optim.lr_scheduler it stands for.

Each request builds a fresh SGD optimizer (one parameter, lr 0.1, momentum 0.9) and the scheduler of the
spec, then steps it `steps` times (step(1.0) for ReduceLROnPlateau):
- {"op": "step", "spec": SPEC, "steps": N} answers {"ns_per_step"}, the loop timed alone;
- {"op": "lrs", "spec": SPEC, "steps": N} answers {"lrs"}: the rate after each step, for the bench to
  compare with lrkit's.
The hello line lists the spec types with a PyTorch equivalent ("types").
"""
import math
import sys
import time
import warnings

from peer_serve import fail, serve

warnings.filterwarnings("ignore")
try:
    import torch
    from torch.optim import lr_scheduler as L

    sys.path.insert(0, sys.argv[1])
    from torch_schedulers import TYPES, build
except Exception as e:
    fail(f"import failed: {e}")


def scheduler(msg):
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9)
    sched = build(msg["spec"], opt)
    return opt, sched, isinstance(sched, L.ReduceLROnPlateau)


def step(msg):
    n = int(msg["steps"])
    opt, sched, plateau = scheduler(msg)
    if plateau:
        t0 = time.perf_counter_ns()
        for _ in range(n):
            sched.step(1.0)
        t1 = time.perf_counter_ns()
    else:
        t0 = time.perf_counter_ns()
        for _ in range(n):
            sched.step()
        t1 = time.perf_counter_ns()
    lr = opt.param_groups[0]["lr"]
    if not math.isfinite(lr):
        raise ValueError(f"{msg['spec']['type']}: lr became {lr}")
    return {"ns_per_step": (t1 - t0) / n}


def lrs(msg):
    n = int(msg["steps"])
    opt, sched, plateau = scheduler(msg)
    out = []
    for _ in range(n):
        if plateau:
            sched.step(1.0)
        else:
            sched.step()
        out.append(opt.param_groups[0]["lr"])
    return {"lrs": out}


for warm in ({"type": "step", "stepSize": 30}, {"type": "cyclic", "baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 100},
             {"type": "one-cycle", "maxLr": 0.1, "totalSteps": 201}):
    step({"spec": warm, "steps": 200})
serve({"ready": True, "torch": torch.__version__, "types": TYPES}, {"step": step, "lrs": lrs})
