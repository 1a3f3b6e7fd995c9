#!/usr/bin/env python3
"""The summary table of scripts/device-check.sh, in Markdown, from its logs folder.

    summary.py LOGS_DIR
"""
import json
import pathlib
import re
import sys


def load(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def ms(seconds):
    return f"{1000 * seconds:.1f} ms"


def main():
    logs = pathlib.Path(sys.argv[1])
    print("# device check\n")
    versions = logs / "versions.txt"
    if versions.exists():
        print("```\n" + versions.read_text().strip() + "\n```\n")
    print("| stage | status | seconds | result |")
    print("| --- | --- | --- | --- |")
    for line in (logs / "stages.tsv").read_text().splitlines():
        name, status, seconds = line.split("\t")
        print(f"| {name} | {status} | {seconds} | {result(logs, name)} |")
    ratios = []
    for space in ("nb201", "darts"):
        ours, theirs = load(logs / f"bench-{space}-first.json"), load(logs / f"pytorch-{space}.json")
        if ours and theirs:
            a, b = ours["step_seconds"]["median"], theirs["step_seconds"]["median"]
            ratios.append(f"| {space} | {ms(a)} | {ms(b)} | {a / b:.2f} |")
    if ratios:
        print("\n| first-order step, median | betadarts | PyTorch | ratio |")
        print("| --- | --- | --- | --- |")
        print("\n".join(ratios))


def bench_line(j):
    phases = ", ".join(f"{p['label']} {ms(p['seconds']['median'])}" for p in j["phases"].values())
    memory = f", GPU memory {j['gpu_memory_in_use_mb']:.0f} MB" if "gpu_memory_in_use_mb" in j else ""
    return f"step {ms(j['step_seconds']['median'])} ({phases}){memory}"


def pytorch_line(j):
    memory = f", peak GPU {j['peak_gpu_allocated_mb']:.0f} MB allocated" if "peak_gpu_allocated_mb" in j else ""
    return f"step {ms(j['step_seconds']['median'])} on {j.get('gpu', j.get('device'))}, torch {j['torch']}{memory}"


def search_line(j):
    return (f"max |Δα| {j['max_abs_alpha']:.2e}, max |Δsoftmax| {j['max_abs_softmax']:.2e}, "
            f"same cell: {j['same_cell']}, valid acc {j['valid_acc'][0]:.4f} / {j['valid_acc'][1]:.4f}, "
            f"seconds {j['seconds'][0]:.0f} / {j['seconds'][1]:.0f}")


# the stages whose result is a JSON file of the stage's name, by name prefix, and the line made of it
JSON_STAGES = {"bench-": bench_line, "pytorch-": pytorch_line, "search": search_line}


def result(logs, name):
    log = logs / f"{name}.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    if name == "smoke":
        return "; ".join(l.strip() for l in text.splitlines() if l.startswith(("engine", "OK,", "MISMATCH,")))
    if name == "tests":
        counts = re.findall(r"\[\s*(\d+) tests (successful|failed|aborted|skipped)\s*\]", text)
        return ", ".join(f"{n} {what}" for n, what in counts)
    for prefix, line in JSON_STAGES.items():
        if name.startswith(prefix):
            j = load(logs / f"{name}.json")
            return line(j) if j else ""
    if name == "jni":
        errors = [l.strip() for l in text.splitlines() if "error:" in l or "CMake Error" in l]
        if errors:
            return f"{len(errors)} error lines, the first: {errors[0][:200]}"
        tail = [l for l in text.splitlines() if l.strip()][-1:]
        return tail[0][:120] if tail else ""
    return ""


if __name__ == "__main__":
    main()
