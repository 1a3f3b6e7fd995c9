#!/usr/bin/env python3
"""The published β-DARTS NAS-Bench-201 search step, timed on random images.

Imports the model and the architect of a checkout of the published code
(github.com/Sunshine-Ye/Beta-DARTS: nasbench201/model.py, nasbench201/operations.py,
optimizers/darts/architect.py) and runs, step by step, what its nasbench201/train_search.py `train`
does: `architect.step` (Adam on α, cross-entropy + (50·epoch/100)·mean logsumexp(α), first order),
zeroing both optimizers, `softmax_arch_parameters`, the weight forward with updateType='weight',
backward, clip_grad_norm_(model.parameters(), 5), SGD step (lr 0.025, momentum 0.9, weight decay
3e-4, on model.get_weights()), `restore_arch_parameters`, and top-1/top-5 accuracy of the logits.
Its `.cuda()` calls are made no-ops so that it runs on the CPU; nothing else is changed. The data
loading of the published loop (a new DataLoader iterator for every α batch) is not timed: both
batches are random tensors made before the loop, as in `betadarts bench` and pytorch_step.py.

  benchmarks/official_step.py --official DIR [--batch 64] [--channels 16] [--cells 5]
                              [--steps 10] [--warmup 2] [--threads N] [--epoch 50] [--json FILE]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn

from pytorch_step import peak_rss_mb


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--official", required=True, help="a checkout of Sunshine-Ye/Beta-DARTS")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--channels", type=int, default=16)
    p.add_argument("--cells", type=int, default=5, help="cells per stage N")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--epoch", type=int, default=50, help="the epoch the β-Decay weight is taken at (λ = epoch/2)")
    p.add_argument("--json", help="also write the figures to this JSON file")
    a = p.parse_args()
    if not os.path.isfile(os.path.join(a.official, "nasbench201", "model.py")):
        p.error(f"--official {a.official}: no nasbench201/model.py there")
    return a


def top_k_correct(logits, target, k):
    top = logits.topk(k, 1, True, True).indices.t()
    return top.eq(target.view(1, -1).expand_as(top))[:k].reshape(-1).float().sum(0) * (100.0 / target.size(0))


def main():
    a = parse_args()
    sys.path.insert(0, a.official)
    torch.Tensor.cuda = lambda self, *args, **kwargs: self
    nn.Module.cuda = lambda self, *args, **kwargs: self
    from nasbench201.model import Network
    from optimizers.darts.architect import Architect

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    criterion = nn.CrossEntropyLoss()
    model = Network(C=a.channels, N=a.cells, max_nodes=4, num_classes=a.classes, criterion=criterion)
    settings = argparse.Namespace(momentum=0.9, weight_decay=3e-4, arch_learning_rate=3e-4, arch_weight_decay=1e-3)
    optimizer = torch.optim.SGD(model.get_weights(), 0.025, momentum=0.9, weight_decay=3e-4)
    architect = Architect(model, settings)

    shape = (a.batch, 3, 32, 32)
    total = a.warmup + a.steps
    batches = [(torch.randn(shape), torch.randint(0, a.classes, (a.batch,)),
                torch.randn(shape), torch.randint(0, a.classes, (a.batch,))) for _ in range(total)]
    steps, cpu = [], []
    for i, (x, y, xs, ys) in enumerate(batches):
        c0 = time.process_time()
        t0 = time.perf_counter()
        model.train()
        architect.step(x, y, xs, ys, 0.025, optimizer, a.epoch, unrolled=False)
        optimizer.zero_grad()
        architect.optimizer.zero_grad()
        model.softmax_arch_parameters()
        logits = model(x, updateType='weight')
        loss = criterion(logits, y)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        model.restore_arch_parameters()
        top_k_correct(logits, y, 1), top_k_correct(logits, y, 5), loss.data
        if i >= a.warmup:
            steps.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)

    result = {
        "implementation": "published β-DARTS code",
        "space": "nb201",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset)"),
        "shape": {"batch": a.batch, "channels": a.channels, "cells": a.cells, "classes": a.classes},
        "steps": a.steps,
        "step_seconds": {"median": statistics.median(steps), "min": min(steps), "max": max(steps)},
        "step_cpu_seconds": {"median": statistics.median(cpu), "min": min(cpu), "max": max(cpu)},
        "peak_rss_mb": peak_rss_mb(),
        "weights": sum(w.numel() for w in model.get_weights()),
    }
    print(f"published β-DARTS step, pytorch {torch.__version__}, {result['threads']} threads, "
          f"NAS-Bench-201 C={a.channels} N={a.cells} batch {a.batch}, {a.steps} steps after {a.warmup} warm-up")
    s, c = result["step_seconds"], result["step_cpu_seconds"]
    print(f"  {'step (median)':<26} {s['median']:8.3f} s   (min {s['min']:.3f}, max {s['max']:.3f})")
    print(f"  {'step, process CPU time':<26} {c['median']:8.3f} s   (min {c['min']:.3f}, max {c['max']:.3f})")
    print(f"  {'peak resident memory':<26} {result['peak_rss_mb']:8.0f} MB")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
