# ---------------------------------------------------------------------------------------------
# Frequency distributions and alias tables (sampling/distributions.ts, aliasTable.ts).
# Token id = frequency rank (0 is the most frequent); every token gets p > 0.
# ---------------------------------------------------------------------------------------------

LOG_FLOOR = -700.0
DRAWN_KNOTS = 24


def from_log_weights(logw):
    """Natural-log weights to probabilities, each at least e^-700 of the largest; summed in order."""
    p = np.exp(np.maximum(logw - logw.max(), LOG_FLOOR))
    return p / np.cumsum(p)[-1]


def probabilities(spec, n):
    """[n] float64 probabilities of a distribution spec (the playground's DistributionSpec)."""
    k = np.arange(n, dtype=np.float64)
    kind = spec["kind"]
    if kind == "uniform":
        return np.full(n, 1.0 / n)
    if kind == "zipf":
        return from_log_weights(-spec["s"] * np.log(k + 1))
    if kind == "headTail":
        h, share = spec["headSize"], spec["headShare"]
        return np.where(k < h, share / h, (1 - share) / (n - h))
    if kind == "powerLaw":
        return from_log_weights(-spec["s"] * np.log(k + 1) - (k + 1) / spec["cutoff"])
    if kind == "drawn":
        knots = np.asarray(spec["knots"], dtype=np.float64)
        x = np.log(k + 1) * ((DRAWN_KNOTS - 1) / math.log(n)) if n > 1 else np.zeros(n)
        i = np.minimum(DRAWN_KNOTS - 2, np.floor(x)).astype(np.int64)
        logw = (knots[i] + (knots[i + 1] - knots[i]) * (x - i)) * math.log(10)
        return np.sort(from_log_weights(logw))[::-1].copy()
    if kind == "counts":
        counts = np.sort(np.asarray(spec["counts"], dtype=np.float64))[::-1]
        return counts / np.cumsum(counts)[-1]
    raise ValueError(f"unknown distribution {kind!r}")


TWO32 = 4294967296


class AliasTable:
    """Walker/Vose alias table with integer thresholds: bin j = mulhi(r0, n); token j when r1 < threshold[j], else alias[j]."""

    def __init__(self, p):
        n = len(p)
        q = (np.asarray(p, dtype=np.float64) * n).tolist()
        # Vose's construction in the playground's order (the last small bin with the top large one),
        # so the thresholds are the same integers.
        small = [i for i in range(n) if q[i] < 1]
        large = [i for i in range(n) if q[i] >= 1]
        threshold = np.zeros(n, dtype=np.uint64)
        alias = np.zeros(n, dtype=np.int64)
        while small and large:
            s = small.pop()
            big = large[-1]
            threshold[s] = min(TWO32 - 1, math.floor(q[s] * TWO32))
            alias[s] = big
            q[big] = q[big] + q[s] - 1
            if q[big] < 1:
                large.pop()
                small.append(big)
        # Leftovers are full bins (q = 1 up to rounding): always kept.
        for i in small + large:
            threshold[i] = TWO32 - 1
            alias[i] = i
        self.threshold = threshold.astype(U32)
        self.alias = alias

    def sample(self, r0, r1):
        """Tokens for uniform u32 draws r0, r1 (arrays)."""
        j = mulhi(r0, len(self.threshold))
        return np.where(r1 < self.threshold[j], j, self.alias[j])


def js_round(x):
    """JavaScript's Math.round: halves round up."""
    return math.floor(x + 0.5)


def bucket_bounds(n, ends):
    """[head end, torso end] ids: head = the top ends[0] of the ranks, torso up to ends[1], tail the rest."""
    head = min(n - 1, max(1, js_round(n * ends[0])))
    torso = min(n - 1, max(head + 1, js_round(n * ends[1])))
    return head, max(head, torso)


def bucket_of(k, bounds):
    """Bucket (0 head, 1 torso, 2 tail) of each id in the array k."""
    return np.where(k < bounds[0], 0, np.where(k < bounds[1], 1, 2))
