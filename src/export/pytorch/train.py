# ---------------------------------------------------------------------------------------------
# Training: every lane trains its own copy of the table on the same batches; metrics every
# `metricsEvery` steps; CSV with the playground's columns; data parallelism over K ranks.
# ---------------------------------------------------------------------------------------------

DIVERGED_FACTOR = 1000  # a loss this many times its first value means the lane diverged


def js_number(v):
    """A float as JavaScript's String(v) writes it (so the CSV reads like the playground's)."""
    if v == int(v) and abs(v) < 1e21:
        return str(int(v))
    r = repr(v)
    if "e" not in r:
        return r
    mantissa, exp = r.split("e")
    e = int(exp)
    digits = mantissa.replace("-", "").replace(".", "")
    sign = "-" if v < 0 else ""
    if -7 < e < 21:
        point = len(mantissa.replace("-", "").split(".")[0]) + e
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        return f"{sign}{digits[:point]}{'0' * max(0, point - len(digits))}" + (
            f".{digits[point:]}" if point < len(digits) else ""
        )
    return f"{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"


def csv_field(s):
    return f'"{s.replace(chr(34), chr(34) * 2)}"' if any(c in s for c in ',"\r\n') else s


def lane_metrics(workload, table):
    """(excess loss, [head, torso, tail] conditional losses) of one lane's [R, d] table."""
    sums = workload.bucket_sums(table)
    with np.errstate(invalid="ignore", divide="ignore"):
        buckets = np.where(workload.mass > 0, sums / np.where(workload.mass > 0, workload.mass, 1), np.nan)
    return float(sums.sum()), [float(b) for b in buckets]


class Run:
    """One seed of the run: its workload, one table and optimizer per lane, the shared counters."""

    def __init__(self, cfg, device, dtype, data):
        self.cfg = cfg
        self.workload = Workload(cfg, data)
        self.counters = Counters(self.workload.table_sizes)
        init = torch.from_numpy(self.workload.init).to(device=device, dtype=dtype)
        self.weights = [torch.nn.Parameter(init.clone()) for _ in cfg["lanes"]]
        self.optimizers = [
            make_optimizer(lane, w, self.workload, self.counters)
            for lane, w in zip(cfg["lanes"], self.weights)
        ]
        self.first_loss = [None] * len(cfg["lanes"])
        # Step after which a lane is frozen (its loss diverged); it keeps its last table.
        self.frozen_after = [math.inf] * len(cfg["lanes"])

    def step(self, t, rank, world):
        """Training step t (from 1): this rank's slice of the batch, gradients summed across ranks."""
        B = self.cfg["batch"]
        batch = self.workload.sample(t)
        rows, counts = np.unique(batch["rows"], return_counts=True)
        self.counters.add(rows, counts)
        lo, hi = rank * B // world, (rank + 1) * B // world
        unique = torch.from_numpy(rows)
        for l, (w, opt) in enumerate(zip(self.weights, self.optimizers)):
            if t > self.frozen_after[l]:
                continue
            w.grad = None
            (self.workload.loss_sum(w, batch, lo, hi) / B).backward()
            # The slice's sparse gradient onto the batch's unique rows, summed over the ranks.
            g = w.grad.coalesce()
            dense = torch.zeros(len(rows), w.shape[1], dtype=w.dtype, device=w.device)
            dense.index_add_(0, torch.searchsorted(unique, g.indices()[0].cpu()).to(w.device), g.values())
            if world > 1:
                dist.all_reduce(dense)
            w.grad = torch.sparse_coo_tensor(unique[None].to(w.device), dense, w.shape)
            opt.step()

    def record(self, t, every):
        """Metrics after t steps; a lane that diverged here is frozen after its next `every` steps
        (as in the playground, whose trainer learns of a metric one batch of steps later)."""
        out = []
        for l, w in enumerate(self.weights):
            excess, buckets = lane_metrics(self.workload, w.detach().cpu().numpy())
            if self.first_loss[l] is None and excess > 0:
                self.first_loss[l] = excess
            start = self.first_loss[l]
            if self.frozen_after[l] == math.inf and (
                not math.isfinite(excess) or (start is not None and excess > DIVERGED_FACTOR * start)
            ):
                self.frozen_after[l] = t + every
            out.append([excess, *buckets])
        return out


def recorded_steps(steps, every):
    """The steps whose metrics are recorded: 0, every, 2·every, …, and the last."""
    return sorted(set(range(0, steps + 1, every)) | {steps})


def train(rank, world, args):
    """Trains every seed of the run for args.steps steps; rank 0 writes the CSV."""
    if world > 1 and not dist.is_initialized():
        dist.init_process_group(
            "nccl" if args.device == "cuda" else "gloo",
            init_method="env://",
            rank=rank,
            world_size=world,
        )
    local = int(os.environ.get("LOCAL_RANK", rank))  # this process's GPU on its machine
    device = torch.device(f"cuda:{local % torch.cuda.device_count()}" if args.device == "cuda" else "cpu")
    cfg = CONFIG["config"]
    data = Workload.load(args) if hasattr(Workload, "load") else None
    every = cfg["metricsEvery"]
    steps = recorded_steps(args.steps, every)
    columns = ["step"]
    table = {t: [t] for t in steps}
    for k in range(cfg["seeds"]):
        seed_cfg = dict(cfg, seed=(cfg["seed"] + k) % 2**32, seeds=1)
        run = Run(seed_cfg, device, getattr(torch, args.dtype), data)
        for label in CONFIG["laneLabels"]:
            name = label + (f" seed {seed_cfg['seed']}" if cfg["seeds"] > 1 else "")
            columns += [f"{name} excess loss"] + [f"{name} {b} loss" for b in ("head", "torso", "tail")]
        if args.tokens_out and rank == 0 and k == 0:
            with open(args.tokens_out, "w") as f:
                for t in range(1, 4):
                    f.write(",".join(str(int(r)) for r in run.workload.sample(t)["rows"].reshape(-1)) + "\n")
        done = 0
        for t in steps:
            while done < t:
                done += 1
                run.step(done, rank, world)
            for lane in run.record(t, every):
                table[t] += lane
    if rank == 0:
        cell = lambda v: str(v) if isinstance(v, int) else js_number(v) if math.isfinite(v) else ""
        lines = [",".join(csv_field(c) for c in columns)] + [
            ",".join(cell(v) for v in table[t]) for t in steps
        ]
        with open(args.out, "w", newline="") as f:
            f.write("\r\n".join(lines) + "\r\n")
        print(f"wrote {args.out}: {len(steps)} recorded steps of {args.steps}", file=sys.stderr)
    if world > 1:
        dist.destroy_process_group()


def main():
    parser = argparse.ArgumentParser(
        description="Reruns an FA-SGD Playground comparison (see the top of this file)."
    )
    parser.add_argument(
        "--steps", type=int, default=CONFIG["steps"], help=f"training steps (default {CONFIG['steps']})"
    )
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument(
        "--dtype",
        choices=["float64", "float32"],
        default="float64",
        help="tables and arithmetic (default float64, the playground's reference precision; float32 halves memory"
        " and is what large runs use; its rounding strays further from the playground's near a lane's stability limit)",
    )
    parser.add_argument("--out", default="run.csv", help="CSV file to write (default run.csv)")
    parser.add_argument(
        "--world-size", type=int, default=1, help="data-parallel processes to start on this machine"
    )
    parser.add_argument("--tokens-out", help="also write the rows sampled in steps 1-3 to this file")
    if hasattr(Workload, "add_arguments"):
        Workload.add_arguments(parser)
    args = parser.parse_args()
    if args.steps < 0:
        parser.error("--steps must be 0 or more")
    if hasattr(Workload, "check"):
        Workload.check(args, parser)  # a data run refuses other data before any process starts
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:  # started by torchrun
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args)
    elif args.world_size > 1:
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(29500 + os.getpid() % 1000))
        torch.multiprocessing.spawn(train, args=(args.world_size, args), nprocs=args.world_size)
    else:
        train(0, 1, args)


if __name__ == "__main__":
    main()
