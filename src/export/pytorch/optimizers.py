# ---------------------------------------------------------------------------------------------
# The lanes as torch.optim.Optimizers on sparse row gradients (optimizers.ts). Per row k present
# in a step, g_k = that row's summed gradient of the mean batch loss:
#   sgd           θ_k −= η g_k
#   fasgd         θ_k −= η m_k g_k,  m_k = min((p_max / p_k)^β, c)           (true frequencies)
#   cfsgd         θ_k −= η m_k g_k,  m_k = min((n_ref / n_k)^β, c)           (occurrence counters)
#   adagradRow    s_k += mean_j g_kj²;  θ_k −= η g_k / (√s_k + ε)
#   adagradCoord  s_kj += g_kj²;  θ_kj −= η g_kj / (√s_kj + ε)
# "Dedupe, then update": a row's occurrences in the batch are summed first (coalesce) and the
# optimizer runs once per unique row (as FBGEMM's fused optimizers do), so Adagrad accumulates
# (Σ g)², not Σ g². A step size schedule t₀ > 0 gives step t (from 1) η/√(1 + (t − 1)/t₀).
# (Coordinate-wise Adagrad at a constant η is torch.optim.Adagrad(lr=η, eps=ε) on sparse gradients.)
# ---------------------------------------------------------------------------------------------


def f32(v):
    return float(np.float32(v))


def expected_max_normal(n):
    """E[max of n standard normals] (the Gumbel limit, at least 0)."""
    if n < 3:
        return 0.0
    a = math.sqrt(2 * math.log(n))
    return max(0.0, a - (math.log(math.log(n)) + math.log(4 * math.pi) - 2 * 0.5772156649) / (2 * a))


def reference_count(nmax, rows):
    """CF-SGD's reference count: a table's largest counter less its selection bias (optimizers.ts referenceCount)."""
    z = expected_max_normal(rows)
    if z == 0:
        return float(nmax)
    target = max(0.0, nmax - (z * z - 1) / 6)
    u = (-z + math.sqrt(z * z + 4 * target)) / 2
    return max(1.0, u * u)


class Counters:
    """CF-SGD's occurrence counter n_k of every row, and each table's largest (shared by every lane)."""

    def __init__(self, table_sizes):
        self.sizes = table_sizes
        self.starts = np.concatenate([[0], np.cumsum(table_sizes)]).astype(np.int64)
        self.n = np.zeros(int(self.starts[-1]), dtype=np.int64)
        self.largest = np.zeros(len(table_sizes), dtype=np.int64)

    def add(self, rows, counts):
        """Counts this step's occurrences (unique rows and how often each occurs)."""
        self.n[rows] += counts
        table = np.searchsorted(self.starts, rows, side="right") - 1
        np.maximum.at(self.largest, table, self.n[rows])

    def boost(self, rows, beta, cap):
        """m_k of CF-SGD for these rows (a row never seen gets the cap)."""
        table = np.searchsorted(self.starts, rows, side="right") - 1
        ref = np.array([reference_count(int(self.largest[t]), self.sizes[t]) for t in range(len(self.sizes))])
        n = self.n[rows]
        with np.errstate(divide="ignore"):
            m = np.minimum((ref[table] / n) ** beta, cap)
        return np.where(n == 0, cap, m)


class RowOptimizer(torch.optim.Optimizer):
    """Updates each unique row of a sparse gradient once, with the lane's (scheduled) η."""

    def __init__(self, params, lane):
        super().__init__(params, dict(lr=lane["lr"], decay=lane.get("decay", 0)))
        self.lane = lane

    def step_size(self, group, done):
        """η after `done` steps: η / √(1 + done/t₀) (float32, as the playground computes it)."""
        if not group["decay"]:
            return group["lr"]
        return f32(f32(group["lr"]) * f32(1 / math.sqrt(1 + done / group["decay"])))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad.coalesce()  # dedupe: a row's gradients summed
                state = self.state[p]
                done = state.get("step", 0)
                state["step"] = done + 1
                self.update(p, g.indices()[0], g.values(), self.step_size(group, done), state)

    def update(self, p, rows, g, lr, state):
        raise NotImplementedError


class SGD(RowOptimizer):
    def update(self, p, rows, g, lr, state):
        p.index_add_(0, rows, g, alpha=-lr)


class FrequencyAwareSGD(RowOptimizer):
    """FA-SGD: each row's step scaled by min((p_max / p_k)^β, c), from the true frequencies."""

    def __init__(self, params, lane, row_freq):
        super().__init__(params, lane)
        boost = np.minimum((row_freq.max() / row_freq) ** lane["beta"], lane["cap"])
        self.boost = torch.from_numpy(boost)

    def update(self, p, rows, g, lr, state):
        step = (lr * self.boost[rows.cpu()]).to(p.dtype).to(p.device)
        p.index_add_(0, rows, -step[:, None] * g)


class CounterSGD(RowOptimizer):
    """CF-SGD: FA-SGD with the frequencies estimated by counters (counted before the update)."""

    def __init__(self, params, lane, counters):
        super().__init__(params, lane)
        self.counters = counters

    def update(self, p, rows, g, lr, state):
        m = self.counters.boost(rows.cpu().numpy(), self.lane["beta"], self.lane["cap"])
        step = torch.from_numpy(lr * m).to(p.dtype).to(p.device)
        p.index_add_(0, rows, -step[:, None] * g)


class RowwiseAdagrad(RowOptimizer):
    """Adagrad with one accumulator per row: the mean of the squared gradient's coordinates."""

    def update(self, p, rows, g, lr, state):
        if "sum" not in state:
            state["sum"] = torch.zeros(p.shape[0], dtype=p.dtype, device=p.device)
        s = state["sum"]
        s[rows] += (g.double() ** 2).sum(1).div(p.shape[1]).to(p.dtype)
        step = lr / (s[rows].double().sqrt() + self.lane["eps"])
        p.index_add_(0, rows, -step.to(p.dtype)[:, None] * g)


class CoordinateAdagrad(RowOptimizer):
    """Adagrad with one accumulator per coordinate."""

    def update(self, p, rows, g, lr, state):
        if "sum" not in state:
            state["sum"] = torch.zeros_like(p)
        s = state["sum"]
        s[rows] += g * g
        p.index_add_(0, rows, -lr * g / (s[rows].sqrt() + self.lane["eps"]))


def make_optimizer(lane, weight, workload, counters):
    kind = lane["optimizer"]
    if kind == "sgd":
        return SGD([weight], lane)
    if kind == "fasgd":
        return FrequencyAwareSGD([weight], lane, workload.row_freq)
    if kind == "cfsgd":
        return CounterSGD([weight], lane, counters)
    if kind == "adagradRow":
        return RowwiseAdagrad([weight], lane)
    if kind == "adagradCoord":
        return CoordinateAdagrad([weight], lane)
    raise ValueError(f"unknown optimizer {kind!r}")
