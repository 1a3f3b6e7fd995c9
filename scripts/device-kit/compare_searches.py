#!/usr/bin/env python3
"""Compares two search run directories of the same settings (one on a GPU, one on the CPU).

Prints one JSON object: per epoch the largest absolute difference of raw alpha and of softmax(alpha)
per edge, the largest over all epochs, both found cells and whether they are the same, and both runs'
final validation accuracy and seconds.

    compare_searches.py RUN_A RUN_B
"""
import json
import math
import pathlib
import sys


def values(node):
    if isinstance(node, list):
        for item in node:
            yield from values(item)
    else:
        yield float(node)


def rows(alpha_file):
    """The rows (edges) of every alpha tensor in the file, in order."""
    tensors = json.loads(alpha_file.read_text())["alpha"]
    return [row for name in sorted(tensors) for row in tensors[name]]


def softmax(row):
    m = max(row)
    e = [math.exp(v - m) for v in row]
    return [v / sum(e) for v in e]


def metrics(run):
    lines = (run / "metrics.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main():
    a, b = (pathlib.Path(p) for p in sys.argv[1:3])
    epochs = []
    for fa in sorted((a / "alpha").glob("epoch-*.json")):
        ra, rb = rows(fa), rows(b / "alpha" / fa.name)
        raw = max(abs(x - y) for r1, r2 in zip(ra, rb) for x, y in zip(r1, r2))
        soft = max(abs(x - y) for r1, r2 in zip(ra, rb) for x, y in zip(softmax(r1), softmax(r2)))
        epochs.append({"file": fa.name, "max_abs_alpha": raw, "max_abs_softmax": soft})
    ma, mb = metrics(a), metrics(b)
    cell_a = (a / "genotype.txt").read_text().strip()
    cell_b = (b / "genotype.txt").read_text().strip()
    out = {
        "runs": [str(a), str(b)],
        "epochs": epochs,
        "max_abs_alpha": max(e["max_abs_alpha"] for e in epochs),
        "max_abs_softmax": max(e["max_abs_softmax"] for e in epochs),
        "cells": [cell_a, cell_b],
        "same_cell": cell_a == cell_b,
        "valid_acc": [ma[-1]["valid_acc"], mb[-1]["valid_acc"]],
        "seconds": [sum(m["seconds"] for m in ma), sum(m["seconds"] for m in mb)],
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
