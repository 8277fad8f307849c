import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F

CONFIG = json.loads(r"""__CONFIG_JSON__""")

# ---------------------------------------------------------------------------------------------
# Counter-based random numbers (the playground's rng.ts and shaders/common.wgsl).
# Every random u32 is a pure function of (seed, step, index, draw): no state. The hash is the
# 32-bit PCG output permutation (Jarzynski & Olano, JCGT 2020), in wrapping u32 arithmetic.
# ---------------------------------------------------------------------------------------------

U32 = np.uint32

# RNG "step" values reserved for one-off streams (training steps count from 1).
STREAM_TEACHER = 0xFFFFFFF0
STREAM_INIT = 0xFFFFFFF1
STREAM_EVALUATION = 0xFFFFFFF2

# The f32 nearest to sqrt(3)/65536: turns the centred sum of four 16-bit uniforms into a
# zero-mean, unit-variance draw.
NORMAL_SCALE = float(np.float32(math.sqrt(3) / 65536))


def u32(v):
    """v as a 1-d uint32 array (scalars wrap mod 2^32)."""
    return np.atleast_1d(np.asarray(v, dtype=np.int64) & 0xFFFFFFFF).astype(U32)


def pcg(v):
    """PCG hash of each u32 of v."""
    with np.errstate(over="ignore"):
        state = v * U32(747796405) + U32(2891336453)
        word = ((state >> ((state >> U32(28)) + U32(4))) ^ state) * U32(277803737)
        return (word >> U32(22)) ^ word


def sample_key(seed, step, index):
    """Base key of sample slots `index` (an array) at `step`: pcg(pcg(pcg(seed) + step) + index)."""
    with np.errstate(over="ignore"):
        inner = pcg(pcg(u32(seed)) + u32(step))
        return pcg(inner + u32(index))


def draw(base, k):
    """Draw k of each slot: a uniform u32."""
    with np.errstate(over="ignore"):
        return pcg(base + U32(k))


def mulhi(a, n):
    """High 32 bits of a * n (a u32 array, n < 2^32): a uniform index in [0, n)."""
    return ((a.astype(np.uint64) * np.uint64(n)) >> np.uint64(32)).astype(np.int64)


def normal_draws(base, k, count):
    """[n, count] approximately N(0, 1) float32 values: value c of slot i from draws (k + 2c, k + 2c + 1)
    of base[i] (the centred sum of four 16-bit uniforms, Irwin-Hall n = 4, times NORMAL_SCALE)."""
    with np.errstate(over="ignore"):
        h = pcg(base[:, None] + U32(k) + np.arange(2 * count, dtype=U32)[None, :]).astype(np.int64)
    h0, h1 = h[:, 0::2], h[:, 1::2]
    centred = (h0 & 0xFFFF) + (h0 >> 16) + (h1 & 0xFFFF) + (h1 >> 16) + 2 - 131072
    return (centred.astype(np.float64) * NORMAL_SCALE).astype(np.float32)


def normal_draw(base, k):
    """[n] the normal draw of draws (k, k + 1) of each slot."""
    return normal_draws(base, k, 1)[:, 0]


def normal_table(rows, d, seed, stream, scale):
    """[rows, d] float32: row k is the normal draws 0, 2, 4, ... of slot (seed, stream, k) times scale."""
    s = float(np.float32(scale))
    base = sample_key(seed, stream, np.arange(rows))
    return (normal_draws(base, 0, d).astype(np.float64) * s).astype(np.float32)
