"""The torch.optim.lr_scheduler an lrkit JSON spec stands for: one translation, spec -> PyTorch scheduler.

Used by fixtures/generate.py (the parity fixtures) and by lrkit-bench's PyTorch peer (which times and
checks every exampleSpecs() schedule that has a PyTorch equivalent). Options left out of a spec take
lrkit's defaults, which are PyTorch's. Specs of lrkit-only schedules (warmup, WSD, timm, Keras...) raise
ValueError; TYPES lists the ones this builds.
"""
from torch.optim import lr_scheduler as L
from torch.optim.swa_utils import SWALR

# Functions for lambda / multiplicative, by name: JSON cannot hold functions. The TypeScript side names
# the same functions (parity.test.ts for the fixtures, src/examples.ts for exampleSpecs).
LAMBDAS = {
    "pow095": lambda e: 0.95 ** e,
    "inv1": lambda e: 1.0 / (e + 1),
    "mul098": lambda e: 0.98,
    "mulstep": lambda e: 0.5 if e % 3 == 0 else 1.0,
    "pow099999": lambda e: 0.99999 ** e,
    "mul099999": lambda e: 0.99999,
}


def pick(o, key, default=None):
    return o[key] if key in o else default


def _children(spec, opt):
    return [build(s, opt) for s in spec["schedulers"]]


BUILDERS = {
    "step": lambda s, opt: L.StepLR(opt, s["stepSize"], gamma=pick(s, "gamma", 0.1)),
    "multi-step": lambda s, opt: L.MultiStepLR(opt, s["milestones"], gamma=pick(s, "gamma", 0.1)),
    "constant": lambda s, opt: L.ConstantLR(opt, factor=1.0, total_iters=0),
    "constant-factor": lambda s, opt: L.ConstantLR(opt, factor=pick(s, "factor", 1.0 / 3), total_iters=pick(s, "totalIters", 5)),
    "linear": lambda s, opt: L.LinearLR(opt, start_factor=pick(s, "startFactor", 1.0 / 3), end_factor=pick(s, "endFactor", 1.0),
                                        total_iters=pick(s, "totalIters", 5)),
    "exponential": lambda s, opt: L.ExponentialLR(opt, s["gamma"]),
    "polynomial": lambda s, opt: L.PolynomialLR(opt, total_iters=pick(s, "totalIters", 5), power=pick(s, "power", 1.0)),
    "cosine-annealing": lambda s, opt: L.CosineAnnealingLR(opt, s["tMax"], eta_min=pick(s, "etaMin", 0)),
    "cosine-annealing-warm-restarts": lambda s, opt: L.CosineAnnealingWarmRestarts(opt, s["t0"], T_mult=pick(s, "tMult", 1),
                                                                                   eta_min=pick(s, "etaMin", 0)),
    "cyclic": lambda s, opt: L.CyclicLR(opt, s["baseLr"], s["maxLr"], step_size_up=pick(s, "stepSizeUp", 2000),
                                        step_size_down=pick(s, "stepSizeDown"), mode=pick(s, "mode", "triangular"),
                                        gamma=pick(s, "gamma", 1.0), cycle_momentum=pick(s, "cycleMomentum", True),
                                        base_momentum=pick(s, "baseMomentum", 0.8), max_momentum=pick(s, "maxMomentum", 0.9)),
    "one-cycle": lambda s, opt: L.OneCycleLR(opt, s["maxLr"], total_steps=pick(s, "totalSteps"), epochs=pick(s, "epochs"),
                                             steps_per_epoch=pick(s, "stepsPerEpoch"), pct_start=float(pick(s, "pctStart", 0.3)),
                                             anneal_strategy=pick(s, "annealStrategy", "cos"),
                                             cycle_momentum=pick(s, "cycleMomentum", True),
                                             base_momentum=pick(s, "baseMomentum", 0.85), max_momentum=pick(s, "maxMomentum", 0.95),
                                             div_factor=float(pick(s, "divFactor", 25.0)),
                                             final_div_factor=float(pick(s, "finalDivFactor", 1e4)),
                                             three_phase=pick(s, "threePhase", False)),
    "reduce-on-plateau": lambda s, opt: L.ReduceLROnPlateau(opt, mode=pick(s, "mode", "min"), factor=pick(s, "factor", 0.1),
                                                            patience=pick(s, "patience", 10), threshold=pick(s, "threshold", 1e-4),
                                                            threshold_mode=pick(s, "thresholdMode", "rel"),
                                                            cooldown=pick(s, "cooldown", 0), min_lr=pick(s, "minLr", 0),
                                                            eps=pick(s, "eps", 1e-8)),
    "swa": lambda s, opt: SWALR(opt, s["swaLr"], anneal_epochs=pick(s, "annealEpochs", 10),
                                anneal_strategy=pick(s, "annealStrategy", "cos")),
    "lambda": lambda s, opt: L.LambdaLR(opt, LAMBDAS[s["lrLambda"]]),
    "multiplicative": lambda s, opt: L.MultiplicativeLR(opt, LAMBDAS[s["lrLambda"]]),
    "sequential": lambda s, opt: L.SequentialLR(opt, _children(s, opt), s["milestones"]),
    "chained": lambda s, opt: L.ChainedScheduler(_children(s, opt)),
}

TYPES = sorted(BUILDERS)


def build(spec, opt):
    """The PyTorch scheduler for `spec` (an lrkit spec as parsed JSON) on the torch optimizer `opt`."""
    t = spec["type"]
    if t not in BUILDERS:
        raise ValueError("no torch equivalent for " + t)
    return BUILDERS[t](spec, opt)
