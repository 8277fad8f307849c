#!/usr/bin/env python3
"""FA-SGD Playground run, exported as a PyTorch script: __SUMMARY__

It rebuilds the playground's run exactly: the same frequency distributions, alias tables and
counter-based random numbers (so the same token ids, contexts, noise, teacher and initial table,
bit for bit; a CTR click compares a draw with exp()'s result, which may differ in its last bit
between Python and JavaScript), the same workload and loss, the same lanes as torch.optim.Optimizers on sparse row
gradients ("dedupe, then update": duplicates of a row in a batch are summed, then each unique row
is updated once), and the same metrics, written as a CSV with the playground's column names.
What may differ is float rounding (PyTorch sums a row's gradients in its own order): in float64
(the default) the CSV agrees with the playground's CPU engine to 1e-4 relative or better wherever
the lanes are stable (3e-7 to 3e-5 on the presets after 200 steps); near a lane's stability limit
any rounding difference grows, as it does between the playground's own engines.

Needs only Python 3, torch and numpy. No network, no pickles: the run's configuration is the JSON
below.

    python3 fa-sgd-run.py                      # the run, one process, CPU
    python3 fa-sgd-run.py --steps 5000 --out run.csv
    python3 fa-sgd-run.py --device cuda        # on a GPU
    python3 fa-sgd-run.py --world-size 4       # data-parallel over 4 processes on this machine
__DATA_USAGE__
Data parallel: each of K processes (ranks) takes its slice of every batch (all ranks draw the same
batch, which is cheap: the sampler is a pure function of seed, step and sample index), computes the
gradients of its slice, and the gradients of the batch's unique rows are summed across ranks with
one all-reduce before every rank applies the same update; the result equals one process up to
float rounding. --world-size K starts the K processes itself (torch.multiprocessing.spawn, gloo on
CPU, nccl with --device cuda). On a cluster, start one process per GPU with torchrun instead; the
script reads RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT from the environment when they are set:

    torchrun --nnodes 2 --nproc-per-node 8 --rdzv-backend c10d --rdzv-endpoint HOST:29500 \
        fa-sgd-run.py --device cuda

Past one machine's memory: here every rank holds every table whole (plain data parallelism).
Production recommender training shards the embedding tables across GPUs instead, e.g. TorchRec's
EmbeddingBagCollection with FBGEMM's fused sparse optimizers, whose row-wise Adagrad "with counter"
(frequency-aware step sizes from per-row occurrence counters) is the production relative of CF-SGD
here. That path is named, not tested: this script is checked against the playground on one machine
with one and two processes.
"""
