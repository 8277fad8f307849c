# ---------------------------------------------------------------------------------------------
# Token regression (workloads/tokenRegression.ts): sample i draws token k_i ~ p and a context
# x_i ~ N(0, I_d); its label is y_i = <θ*_k, x_i> + σ z_i under a planted teacher table θ*; the
# learner fits θ (one [N, d] table, starting at zero) by the squared loss ½(<θ_k, x_i> − y_i)².
# The excess loss Σ_k p_k ½‖θ_k − θ*_k‖² is exact.
# ---------------------------------------------------------------------------------------------


class Workload:
    def __init__(self, cfg, data=None):
        n, d = cfg["rows"], cfg["dim"]
        self.cfg = cfg
        self.table_sizes = [n]
        self.row_freq = probabilities(cfg["tokens"], n)  # [N] P(a sample holds token k)
        self.alias = AliasTable(self.row_freq)
        # ‖θ*_k‖² ≈ 1, so the initial excess loss is about ½.
        self.teacher = normal_table(n, d, cfg["seed"], STREAM_TEACHER, 1 / math.sqrt(d))
        self.init = np.zeros((n, d), dtype=np.float32)
        self.noise = float(np.float32(cfg["noise"]))
        # Metric weights ½ p_k (float32, as the playground keeps them) and each bucket's mass.
        self.weight = (self.row_freq / 2).astype(np.float32).astype(np.float64)
        self.bucket = bucket_of(np.arange(n), bucket_bounds(n, cfg["bucketEnds"]))
        self.mass = np.array([self.row_freq[self.bucket == b].sum() for b in range(3)])

    def sample(self, step):
        """The step's batch: rows [1, B] (token of each sample), contexts x [B, d], labels y [B]."""
        B, d = self.cfg["batch"], self.cfg["dim"]
        # Draw layout of sample i: 0, 1 token; 2 + 2j, 3 + 2j context x_j; 2 + 2d, 3 + 2d noise.
        base = sample_key(self.cfg["seed"], step, np.arange(B))
        tokens = self.alias.sample(draw(base, 0), draw(base, 1))
        x = normal_draws(base, 2, d)
        z = normal_draw(base, 2 + 2 * d)
        # <θ*_k, x_i> summed in float64 coordinate by coordinate, then + σ z, rounded to float32.
        t = self.teacher[tokens].astype(np.float64)
        dot = np.zeros(B)
        for j in range(d):
            dot += t[:, j] * x[:, j].astype(np.float64)
        y = (dot + self.noise * z.astype(np.float64)).astype(np.float32)
        return {"rows": tokens[None, :], "x": torch.from_numpy(x), "y": torch.from_numpy(y)}

    def loss_sum(self, weight, batch, lo, hi):
        """Σ over samples lo..hi of ½(<θ_k, x_i> − y_i)² (the caller divides by B)."""
        ids = torch.from_numpy(batch["rows"][0, lo:hi])
        theta = F.embedding(ids.to(weight.device), weight, sparse=True)
        pred = (theta * batch["x"][lo:hi].to(weight)).sum(1)
        return 0.5 * ((pred - batch["y"][lo:hi].to(weight)) ** 2).sum()

    def bucket_sums(self, table):
        """[3] Σ over each bucket's tokens of ½ p_k ‖θ_k − θ*_k‖² (table: [N, d] float32 numpy)."""
        err = ((table.astype(np.float64) - self.teacher.astype(np.float64)) ** 2).sum(1)
        return np.bincount(self.bucket, weights=self.weight * err, minlength=3)
