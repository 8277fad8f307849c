# ---------------------------------------------------------------------------------------------
# "Your data" (workloads/yourData.ts): a person's own pairs, from an interaction log (users ×
# items) or the word–context pairs of a text (skip-gram), read from --data PATH exactly as the
# playground reads it (input/interactions.ts, input/text.ts) and checked against the run's
# fingerprint. Rows are numbered by frequency rank. A seeded share of the pairs is held out;
# frequencies are counted on the training part only. Rated pairs: the squared loss on centred
# ratings. Implicit pairs (texts, logs without ratings): the logistic loss, with 4 of every 5
# samples a negative (an item drawn ∝ its training count^¾, label 0).
# ---------------------------------------------------------------------------------------------

import datetime
import re

EVAL_PAIRS = 4096  # most held-out pairs evaluated
NEGATIVE_SHARE = 0.8
NEGATIVE_POWER = 0.75
OTHER = "(other words)"

# JavaScript's whitespace (String.prototype.trim, /\s/).
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACES = re.compile(f"[{JS_SPACE}]+")
NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$", re.IGNORECASE)
HEADER_NAME = re.compile(
    r"^(user|item|movie|product|song|artist|track|book|query|doc|ad|rating|score|time|timestamp|ts|date)s?[ _-]?(id|name)?$",
    re.IGNORECASE,
)


def fingerprint(rows, items, a, b, y):
    """The playground's pairFingerprint: FNV-1a over 32-bit words, with a shift to spread high bits."""
    h = 0x811C9DC5

    def mix(v):
        nonlocal h
        h = ((h ^ v) * 0x01000193) & 0xFFFFFFFF
        h ^= h >> 15

    mix(rows)
    mix(items)
    mix(len(a))
    bits = y.view(np.uint32).tolist() if y is not None else None
    for j, (u, v) in enumerate(zip(a.tolist(), b.tolist())):
        mix(u)
        mix(v)
        if bits is not None:
            mix(bits[j])
    return f"{h:08x}"


def rank_by_count(ids, size):
    """Ids (first-appearance order) renumbered by count, most frequent first; ties keep first appearance."""
    count = np.bincount(ids, minlength=size)
    order = np.lexsort((np.arange(size), -count))
    rank = np.empty(size, dtype=np.int64)
    rank[order] = np.arange(size)
    return rank


def is_time(t):
    """A timestamp the playground accepts: a number, or a date (ISO 8601 here; the fingerprint catches the rest)."""
    if NUMBER.match(t):
        return True
    try:
        datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def read_log(path, duplicates):
    """An interaction log as the playground reads it: `user,item[,rating][,timestamp]` per line."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    users, items, ratings, seen_pairs = {}, {}, None, set()
    u, v, r = [], [], []
    header = seen_data = False
    for i, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        line = line.strip(JS_SPACE)
        if line == "" or line.startswith("#"):
            continue
        sep = next((s for s in ("::", "\t", ",", ";") if s in line), None)
        fields = [f.strip(JS_SPACE) for f in (line.split(sep) if sep else SPACES.split(line))]
        if (
            not seen_data
            and not header
            and len(fields) >= 2
            and all(HEADER_NAME.match(f) for f in fields[:2])
        ):
            header = True
            continue
        seen_data = True
        malformed = (
            "\ufffd" in line
            or not 2 <= len(fields) <= 4
            or (len(fields) >= 3 and not (NUMBER.match(fields[2]) and math.isfinite(float(fields[2]))))
            or (len(fields) == 4 and not is_time(fields[3]))
        )
        if malformed:
            continue  # the playground skips it (or refuses the whole file: then there are none)
        key = (fields[0], fields[1])
        if key in seen_pairs:
            if duplicates == "drop":
                continue
        else:
            seen_pairs.add(key)
        if len(fields) >= 3 and ratings is None:
            if u:
                sys.exit(f"{path}, line {i + 1}: a rating, while the lines before it had none.")
            ratings = True
        elif len(fields) < 3 and ratings:
            sys.exit(f"{path}, line {i + 1}: no rating, while the lines before it had one.")
        u.append(users.setdefault(fields[0], len(users)))
        v.append(items.setdefault(fields[1], len(items)))
        if ratings:
            r.append(float(fields[2]))
    u, v = np.array(u, dtype=np.int64), np.array(v, dtype=np.int64)
    return {
        "rows": len(users),
        "items": len(items),
        "a": rank_by_count(u, len(users))[u],
        "b": rank_by_count(v, len(items))[v],
        "y": np.array(r, dtype=np.float32) if ratings else None,
    }


# Unicode word segmentation (UAX #29) as the playground's Intl.Segmenter does it, for texts in
# scripts with spaces: letters, digits, marks and connectors join; a letter-letter pair across
# ' . : and a digit-digit pair across , ; ' . do too. Scripts segmented by dictionary (Chinese,
# Japanese kanji, Thai, …) come out differently: the fingerprint check then refuses the text.
_CHAR = "\\w\u00ad\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
_LETTER_JOIN = "[:'.\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a]"
_DIGIT_JOIN = "[,;'.\u037e\u0589\u060c\u060d\u066c\u07f8\u2018\u2019\u2024\u2044\ufe10\ufe14\ufe50\ufe52\ufe54\uff07\uff0c\uff0e\uff1b]"
WORD = re.compile(
    f"[{_CHAR}]+(?:(?:(?<=[^\\W\\d_]){_LETTER_JOIN}(?=[^\\W\\d_])|(?<=\\d){_DIGIT_JOIN}(?=\\d))[{_CHAR}]+)*"
)


def read_text(path, vocabulary, window, lowercase):
    """A text's skip-gram pairs as the playground makes them (input/text.ts parseText)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    seq = [w for w in WORD.findall(text) if w.strip("_")]
    if lowercase:
        seq = [w.lower() for w in seq]
    index = {}
    ids = np.array([index.setdefault(w, len(index)) for w in seq], dtype=np.int64)
    counts = np.bincount(ids, minlength=len(index))
    order = np.lexsort((np.arange(len(index)), -counts))  # by count, ties by first appearance
    kept = min(vocabulary, len(order))
    other = len(seq) - int(counts[order[:kept]].sum())
    # Rows: the kept words and OTHER (the rest), by count; ties keep that order.
    slot_counts = np.concatenate([counts[order[:kept]], [other] if other > 0 else []])
    row_order = np.lexsort((np.arange(len(slot_counts)), -slot_counts))
    row_of_slot = np.empty(len(slot_counts), dtype=np.int64)
    row_of_slot[row_order] = np.arange(len(slot_counts))
    row_of_id = np.empty(len(order), dtype=np.int64)
    row_of_id[order[:kept]] = row_of_slot[:kept]
    if other > 0:
        row_of_id[order[kept:]] = row_of_slot[kept]
    rows = row_of_id[ids]
    # Pairs (word, context) for every position i and offset −w … w (not 0), in that order.
    n = len(rows)
    offsets = np.array([o for o in range(-window, window + 1) if o != 0])
    j = np.arange(n)[:, None] + offsets[None, :]
    valid = (j >= 0) & (j < n)
    a = np.broadcast_to(rows[:, None], j.shape)[valid]
    b = rows[j[valid]]
    size = len(slot_counts)
    return {"rows": size, "items": size, "a": a, "b": b, "y": None}


def power_of_counts(counts, power):
    """Probabilities ∝ counts^power (summed in order)."""
    p = np.power(counts.astype(np.float64), power)
    return p / np.cumsum(p)[-1]


_loaded = {}


class Workload:
    @staticmethod
    def add_arguments(parser):
        ref, reading = CONFIG["config"]["data"], CONFIG["reading"] or {}
        parser.add_argument(
            "--data",
            required=True,
            help=f"the {'text' if ref['source'] == 'text' else 'log'} “{ref['name']}”",
        )
        if ref["source"] == "log":
            parser.add_argument(
                "--duplicates",
                choices=["keep", "drop"],
                default=reading.get("duplicates", "keep"),
                help="a repeated user-item pair: another interaction, or dropped (default: as the page read it)",
            )
        else:
            parser.add_argument(
                "--vocabulary", type=int, default=reading.get("vocabulary", 5000), help="words kept"
            )
            parser.add_argument(
                "--window", type=int, default=reading.get("window", 2), help="context words each side"
            )
            parser.add_argument(
                "--lowercase", action=argparse.BooleanOptionalAction, default=reading.get("lowercase", True)
            )

    @staticmethod
    def load(args):
        """The pairs of --data, read as the playground reads them."""
        if args.data not in _loaded:
            ref = CONFIG["config"]["data"]
            if ref["source"] == "log":
                pairs = read_log(args.data, args.duplicates)
                if not ref["ratings"]:
                    pairs["y"] = None  # the page trained on the pairs alone (implicit), ratings set aside
                _loaded[args.data] = pairs
            else:
                _loaded[args.data] = read_text(args.data, args.vocabulary, args.window, args.lowercase)
        return _loaded[args.data]

    @staticmethod
    def check(args, parser):
        """Refuses data that is not the run's (by fingerprint), before any training."""
        ref, p = CONFIG["config"]["data"], Workload.load(args)
        got = fingerprint(p["rows"], p["items"], p["a"], p["b"], p["y"])
        if got != ref["fingerprint"]:
            how = (
                f"duplicates {args.duplicates}"
                if ref["source"] == "log"
                else f"vocabulary {args.vocabulary}, window {args.window}, {'' if args.lowercase else 'not '}lower-cased"
            )
            parser.exit(
                2,
                f"{args.data} is not the data of this run: read with {how} it gives {len(p['a']):,} pairs "
                f"({p['rows']:,} × {p['items']:,}) with fingerprint {got}; the run's “{ref['name']}” has "
                f"{ref['pairs']:,} pairs ({ref['rows']:,} × {ref['items']:,}), fingerprint {ref['fingerprint']}.\n",
            )

    def __init__(self, cfg, pairs):
        users, items, d, seed = cfg["rows"], cfg["items"], cfg["dim"], cfg["seed"]
        ref = cfg["data"]
        self.cfg = cfg
        self.table_sizes = [users, items]
        a, b, y = pairs["a"], pairs["b"], pairs["y"]
        # The seeded held-out split: pair j is held out when its hash is below the share.
        held = pcg(pcg(u32(seed)) + u32(np.arange(len(a)))) < U32(math.floor(ref["heldOut"] * TWO32))
        train, held_out = np.flatnonzero(~held), np.flatnonzero(held)
        user_counts = np.bincount(a[train], minlength=users)
        item_counts = np.bincount(b[train], minlength=items)
        N = len(train)
        self.implicit = y is None
        mean = 0.0 if self.implicit else float(np.cumsum(y[train].astype(np.float64))[-1] / N)
        q = NEGATIVE_SHARE if self.implicit else 0.0
        neg_p = power_of_counts(item_counts, NEGATIVE_POWER) if self.implicit else None
        self.negatives = AliasTable(neg_p) if self.implicit else None
        # P(a sample holds row k); a row never in the training part counts as half an occurrence.
        self.row_freq = np.concatenate(
            [
                np.maximum(user_counts, 0.5) / N,
                (1 - q) * (np.maximum(item_counts, 0.5) / N) + (q * neg_p if self.implicit else 0),
            ]
        )
        self.users = AliasTable(power_of_counts(user_counts, 1))
        self.init = normal_table(users + items, d, seed, STREAM_INIT, 0.1 * d**-0.25)
        self.train_a, self.train_b = a[train], b[train]
        self.train_y = (
            np.ones(N, dtype=np.float32)
            if self.implicit
            else (y[train].astype(np.float64) - mean).astype(np.float32)
        )
        self.neg_threshold = math.floor(q * TWO32)
        # Held-out pairs (a seeded choice of at most EVAL_PAIRS); implicit data adds a negative to each.
        chosen = held_out
        if len(held_out) > EVAL_PAIRS:
            keys = draw(sample_key(seed, STREAM_EVALUATION, 0), held_out)
            cutoff = np.sort(keys)[EVAL_PAIRS - 1]
            chosen = held_out[keys <= cutoff][:EVAL_PAIRS]
        M = len(chosen)
        eu, ev = a[chosen], b[chosen]
        if self.implicit:
            base = sample_key(seed, STREAM_EVALUATION, np.arange(1, M + 1))
            neg = self.negatives.sample(draw(base, 0), draw(base, 1))
            eu, ev = np.concatenate([eu, eu]), np.concatenate([ev, neg])
            ey = np.concatenate([np.ones(M), np.zeros(M)])
            share = np.concatenate([np.full(M, 1 - NEGATIVE_SHARE), np.full(M, NEGATIVE_SHARE)])
            weight = share / M
        else:
            ey = (y[chosen].astype(np.float64) - mean).astype(np.float32).astype(np.float64)
            share = np.ones(M)
            weight = np.full(M, 0.5 / M)
        self.eval_u, self.eval_v, self.eval_y = eu, users + ev, ey
        self.eval_w = weight.astype(np.float32).astype(np.float64)
        self.bucket = bucket_of(eu, bucket_bounds(users, cfg["bucketEnds"]))
        self.mass = np.bincount(self.bucket, weights=share / M, minlength=3)

    def sample(self, step):
        """The step's batch: rows [2, B] (user, and item offset by the users), labels y [B]."""
        B, users = self.cfg["batch"], self.cfg["rows"]
        # Draw layout of sample i: 0 training pair; 1 a negative when below the threshold; 2, 3 its item.
        base = sample_key(self.cfg["seed"], step, np.arange(B))
        j = mulhi(draw(base, 0), len(self.train_a))
        u = self.train_a[j]
        v, y = self.train_b[j], self.train_y[j]
        if self.implicit:
            neg = draw(base, 1) < U32(self.neg_threshold)
            v = np.where(neg, self.negatives.sample(draw(base, 2), draw(base, 3)), v)
            y = np.where(neg, np.float32(0), y)
        return {"rows": np.stack([u, users + v]), "y": torch.from_numpy(y.astype(np.float32))}

    def loss_sum(self, weight, batch, lo, hi):
        """Σ over samples lo..hi of ½(s − y)² (ratings) or log(1 + e^s) − y s (implicit), s = <θ_u, θ_v>."""
        ids = torch.from_numpy(batch["rows"][:, lo:hi]).to(weight.device)
        theta = F.embedding(ids, weight, sparse=True)
        s = (theta[0] * theta[1]).sum(1)
        y = batch["y"][lo:hi].to(weight)
        if self.implicit:
            return F.binary_cross_entropy_with_logits(s, y, reduction="sum")
        return 0.5 * ((s - y) ** 2).sum()

    def bucket_sums(self, table):
        """[3] Σ over held-out items of w·loss, by the user's bucket."""
        W = table.astype(np.float64)
        s = (W[self.eval_u] * W[self.eval_v]).sum(1)
        if self.implicit:
            err = np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s))) - self.eval_y * s
        else:
            err = (s - self.eval_y) ** 2
        return np.bincount(self.bucket, weights=self.eval_w * err, minlength=3)
