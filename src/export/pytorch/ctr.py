# ---------------------------------------------------------------------------------------------
# CTR (workloads/ctr.ts): F categorical fields, each with its own Zipf distribution and its own
# table (concatenated, field-major). A sample draws one value per field; it is a click with
# probability σ(b + Σ_{f<g} <θ*_{x_f}, θ*_{x_g}>) under a planted factorisation-machine teacher;
# the learner fits the same model (same bias b) by the logistic loss. The metric is the excess log
# loss KL(p* ‖ σ(s)) averaged over a fixed evaluation set of 4,096 samples.
# ---------------------------------------------------------------------------------------------

CTR_BIAS = float(np.float32(-1.5))  # the global logit: a base click rate of σ(−1.5) ≈ 18%
LOGIT_SCALE = 1.5  # standard deviation of the teacher's logit around the bias
EVAL_SAMPLES = 4096


def fm_score(table, rows):
    """b + Σ_{f<g} <θ_{x_f}, θ_{x_g}> in float64 for rows [F, n], as ½((Σ_f θ_fj)² − Σ_f θ_fj²) per j."""
    theta = table[rows].astype(np.float64)  # [F, n, d]
    s = np.full(rows.shape[1], CTR_BIAS)
    for j in range(theta.shape[2]):
        total = np.zeros(rows.shape[1])
        sq = np.zeros(rows.shape[1])
        for f in range(theta.shape[0]):
            total += theta[f, :, j]
            sq += theta[f, :, j] * theta[f, :, j]
        s += 0.5 * (total * total - sq)
    return s


def sigmoid(s):
    return 1 / (1 + np.exp(-s))


def softplus(s):
    """log(1 + e^s) without overflow."""
    return np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s)))


def xlogx(p):
    return np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)


class Workload:
    def __init__(self, cfg, data=None):
        fields, d, seed = cfg["fields"], cfg["dim"], cfg["seed"]
        F_ = len(fields)
        self.cfg = cfg
        self.table_sizes = [f["rows"] for f in fields]
        self.starts = np.concatenate([[0], np.cumsum(self.table_sizes)]).astype(np.int64)
        p = [probabilities({"kind": "zipf", "s": f["s"]}, f["rows"]) for f in fields]
        self.fields = [AliasTable(pf) for pf in p]
        self.row_freq = np.concatenate(p)
        # Var Σ_{f<g} <θ*_f, θ*_g> = C(F, 2) d scale⁴ = LOGIT_SCALE².
        scale = (LOGIT_SCALE * LOGIT_SCALE / ((F_ * (F_ - 1) / 2) * d)) ** 0.25
        R = int(self.starts[-1])
        self.teacher = normal_table(R, d, seed, STREAM_TEACHER, scale)
        self.init = normal_table(R, d, seed, STREAM_INIT, 0.1 * scale)
        # The evaluation set: its rows, the teacher's click probability p* (float32) and the
        # bucket of its rarest value (relative to its field).
        base = sample_key(seed, STREAM_EVALUATION, np.arange(EVAL_SAMPLES))
        local = np.stack(
            [t.sample(draw(base, 2 * f), draw(base, 2 * f + 1)) for f, t in enumerate(self.fields)]
        )
        self.eval_rows = local + self.starts[:-1, None]
        self.eval_p = sigmoid(fm_score(self.teacher, self.eval_rows)).astype(np.float32).astype(np.float64)
        bounds = [bucket_bounds(f["rows"], cfg["bucketEnds"]) for f in fields]
        self.bucket = np.max(np.stack([bucket_of(local[f], bounds[f]) for f in range(F_)]), axis=0)
        self.mass = np.bincount(self.bucket, minlength=3) / EVAL_SAMPLES

    def sample(self, step):
        """The step's batch: rows [F, B] (the value of each field), clicks y [B] (1 or 0)."""
        B, F_ = self.cfg["batch"], len(self.fields)
        # Draw layout of sample i: 2f, 2f + 1 the value of field f; 2F the click.
        base = sample_key(self.cfg["seed"], step, np.arange(B))
        rows = np.stack(
            [
                self.starts[f] + t.sample(draw(base, 2 * f), draw(base, 2 * f + 1))
                for f, t in enumerate(self.fields)
            ]
        )
        p = sigmoid(fm_score(self.teacher, rows))
        click = draw(base, 2 * F_).astype(np.float64) < p * TWO32
        return {"rows": rows, "y": torch.from_numpy(click.astype(np.float32))}

    def loss_sum(self, weight, batch, lo, hi):
        """Σ over samples lo..hi of the logistic loss of the FM score s: log(1 + e^s) − y s."""
        ids = torch.from_numpy(batch["rows"][:, lo:hi]).to(weight.device)
        theta = F.embedding(ids, weight, sparse=True)  # [F, n, d]
        s = CTR_BIAS + 0.5 * (theta.sum(0) ** 2 - (theta**2).sum(0)).sum(1)
        y = batch["y"][lo:hi].to(weight)
        return F.binary_cross_entropy_with_logits(s, y, reduction="sum")

    def bucket_sums(self, table):
        """[3] Σ over evaluation samples of KL(p* ‖ σ(s)) / 4096, by bucket."""
        s, p = fm_score(table, self.eval_rows), self.eval_p
        kl = xlogx(p) + xlogx(1 - p) + p * softplus(-s) + (1 - p) * softplus(s)
        weight = float(np.float32(1 / EVAL_SAMPLES))
        return np.bincount(self.bucket, weights=weight * kl, minlength=3)
