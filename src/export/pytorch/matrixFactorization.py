# ---------------------------------------------------------------------------------------------
# Matrix factorisation with a planted teacher (workloads/matrixFactorization.ts): sample i draws a
# user u ~ p and an item v ~ q; its label is <u*, v*> + σ z_i and the learner fits both tables by
# the squared loss. One concatenated table: users are rows [0, U), items rows [U, U + V).
# The excess loss ½ Σ_{u,v} p_u q_v (<u, v> − <u*, v*>)² is exact, summed per (user, item bucket)
# with the item bucket's d × d moments.
# ---------------------------------------------------------------------------------------------


class Workload:
    def __init__(self, cfg, data=None):
        users, items, d = cfg["rows"], cfg["items"], cfg["dim"]
        self.cfg = cfg
        self.table_sizes = [users, items]
        self.user_p = probabilities(cfg["tokens"], users)
        self.item_p = probabilities(cfg["itemTokens"], items)
        self.users = AliasTable(self.user_p)
        self.items = AliasTable(self.item_p)
        self.row_freq = np.concatenate([self.user_p, self.item_p])
        # <u*, v*> has unit variance; the learner starts small and random (zero is a saddle point).
        scale = d**-0.25
        self.teacher = normal_table(users + items, d, cfg["seed"], STREAM_TEACHER, scale)
        self.init = normal_table(users + items, d, cfg["seed"], STREAM_INIT, 0.1 * scale)
        self.noise = float(np.float32(cfg["noise"]))
        # Items per bucket; a (user, item bucket) pair counts in the bucket of its rarer member.
        head, torso = bucket_bounds(items, cfg["bucketEnds"])
        self.item_bounds = [0, head, torso, items]
        self.user_bucket = bucket_of(np.arange(users), bucket_bounds(users, cfg["bucketEnds"]))
        self.q32 = self.item_p.astype(np.float32).astype(np.float64)
        T = self.teacher.astype(np.float64)
        self.buckets = []
        for b in range(3):
            lo, hi = self.item_bounds[b], self.item_bounds[b + 1]
            Q = self.item_p[lo:hi].sum()
            if Q <= 0:
                continue
            V = T[users + lo : users + hi]
            M3 = (V * self.item_p[lo:hi, None]).T @ V
            U = T[:users]
            # u*ᵀ M3_b u*, kept as float32 as the playground keeps it.
            y = np.einsum("ui,ij,uj->u", U, M3, U).astype(np.float32).astype(np.float64)
            self.buckets.append((b, lo, hi, Q, y))
        self.weight = (0.5 * self.user_p).astype(np.float32).astype(np.float64)
        self.mass = np.zeros(3)
        for b, _, _, Q, _ in self.buckets:
            group = np.maximum(self.user_bucket, b)
            self.mass += np.bincount(group, weights=self.user_p * Q, minlength=3)

    def sample(self, step):
        """The step's batch: rows [2, B] (user, and item offset by the users), labels y [B]."""
        B, d, users = self.cfg["batch"], self.cfg["dim"], self.cfg["rows"]
        # Draw layout of sample i: 0, 1 user; 2, 3 item; 4, 5 noise.
        base = sample_key(self.cfg["seed"], step, np.arange(B))
        u = self.users.sample(draw(base, 0), draw(base, 1))
        v = users + self.items.sample(draw(base, 2), draw(base, 3))
        z = normal_draw(base, 4)
        tu, tv = self.teacher[u].astype(np.float64), self.teacher[v].astype(np.float64)
        dot = np.zeros(B)
        for j in range(d):
            dot += tu[:, j] * tv[:, j]
        y = (dot + self.noise * z.astype(np.float64)).astype(np.float32)
        return {"rows": np.stack([u, v]), "y": torch.from_numpy(y)}

    def loss_sum(self, weight, batch, lo, hi):
        """Σ over samples lo..hi of ½(<θ_u, θ_v> − y_i)²."""
        ids = torch.from_numpy(batch["rows"][:, lo:hi]).to(weight.device)
        theta = F.embedding(ids, weight, sparse=True)  # [2, n, d]
        pred = (theta[0] * theta[1]).sum(1)
        return 0.5 * ((pred - batch["y"][lo:hi].to(weight)) ** 2).sum()

    def bucket_sums(self, table):
        """[3] Σ ½ p_u (uᵀM1_b u − 2 uᵀM2_b u* + u*ᵀM3_b u*) over (user, item bucket b), by bucket."""
        users = self.cfg["rows"]
        W = table.astype(np.float64)
        U, Ustar = W[:users], self.teacher[:users].astype(np.float64)
        sums = np.zeros(3)
        for b, lo, hi, _, y in self.buckets:
            V = W[users + lo : users + hi]
            Vstar = self.teacher[users + lo : users + hi].astype(np.float64)
            qV = V * self.q32[lo:hi, None]
            M1, M2 = qV.T @ V, qV.T @ Vstar
            err = np.einsum("ui,ij,uj->u", U, M1, U) - 2 * np.einsum("ui,ij,uj->u", U, M2, Ustar) + y
            sums += np.bincount(np.maximum(self.user_bucket, b), weights=self.weight * err, minlength=3)
        return sums
