// User–item interaction logs from a local file: `user,item[,rating][,timestamp]` per line, with
// MovieLens' `::`, tab, comma, semicolon or else whitespace between fields (the first of these a
// line contains; lines may differ), a header
// line or not, `#` comments, CRLF, a BOM. Users and items are numbered by frequency rank (0 = most
// frequent; ties keep first appearance), so rank buckets work as for the synthetic workloads.
// Malformed lines are reported with their line numbers and either skipped or make the whole file
// refused, as the caller chooses. Nothing is evaluated; names stay strings.

import { pcg } from '../sampling/rng.ts';

/** Largest file accepted, in bytes. */
export const MAX_LOG_BYTES = 256 * 2 ** 20;
/** Most interactions kept. */
export const MAX_INTERACTIONS = 20_000_000;
/** Malformed lines listed by number (all are counted). */
const LISTED = 20;

export interface InteractionLog {
  /** Names by rank: users[r] is the user of rank r (most frequent first); the same for items. */
  users: string[];
  items: string[];
  /** Interactions per user and per item rank (non-increasing). */
  userCounts: Uint32Array;
  itemCounts: Uint32Array;
  /** [P] user rank and item rank of each interaction, in file order. */
  user: Uint32Array;
  item: Uint32Array;
  /** [P] ratings, when the file has a rating column; null otherwise. */
  rating: Float32Array | null;
  /** Whether the first line was read as a header. */
  header: boolean;
  /** Malformed lines: how many, and the first few with their numbers (1-based) and why. */
  malformed: number;
  problems: { line: number; reason: string }[];
  /** Repeated (user, item) pairs: how many, and whether they were dropped (else kept as interactions). */
  duplicates: number;
  duplicatesDropped: boolean;
}

export interface ParseOptions {
  /** What a malformed line does: skipped and reported, or the whole file refused. */
  malformed: 'skip' | 'refuse';
  /** A repeated (user, item) pair: another interaction ('keep'), or ignored after its first ('drop'). */
  duplicates: 'keep' | 'drop';
  /** Called now and then with the fraction of lines read. */
  progress?: (fraction: number) => void;
}

export type ParsedLog = { ok: true; log: InteractionLog } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A line's separator: the first of these it contains (so a comma line may hold spaces in a field). */
const SEPARATORS: [string, RegExp][] = [
  ['::', /::/],
  ['\t', /\t/],
  [',', /,/],
  [';', /;/],
];
const fieldsOf = (line: string) =>
  line.split(SEPARATORS.find(([c]) => line.includes(c))?.[1] ?? /\s+/).map((f) => f.trim());
const HEADER_NAME =
  /^(user|item|movie|product|song|artist|track|book|query|doc|ad|rating|score|time|timestamp|ts|date)s?[ _-]?(id|name)?$/i;
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** Bytes as text: UTF-8, with undecodable bytes as U+FFFD (their lines are then malformed). */
export function decodeLog(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Why a timestamp field is unusable, or null: a number, or a date Date.parse reads. */
const badTime = (t: string) =>
  NUMBER.test(t) || !Number.isNaN(Date.parse(t)) ? null : `timestamp "${clip(t)}" is not a number or a date`;

/** Parses an interaction log (see the file comment). */
export function parseInteractions(text: string, options: ParseOptions): ParsedLog {
  const fail = (error: string): ParsedLog => ({ ok: false, error });
  if (text.length > MAX_LOG_BYTES)
    return fail(`The file is ${(text.length / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_LOG_BYTES / 2 ** 20} MB.`);
  if (text.includes('\u0000')) return fail('This looks like a binary file, not a text log of user,item lines.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const userIds = new Map<string, number>();
  const itemIds = new Map<string, number>();
  const users: string[] = [];
  const items: string[] = [];
  const pairs = new Set<string>();
  let u = new Uint32Array(1024);
  let v = new Uint32Array(1024);
  let r: Float32Array | null = null;
  let n = 0;
  let header = false;
  let seenData = false;
  let malformed = 0;
  let duplicates = 0;
  const problems: { line: number; reason: string }[] = [];
  const id = (map: Map<string, number>, names: string[], name: string) => {
    let k = map.get(name);
    if (k === undefined) map.set(name, (k = names.push(name) - 1));
    return k;
  };
  for (let i = 0; i < lines.length; i++) {
    if (options.progress && i % 65536 === 0) options.progress(i / lines.length);
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = fieldsOf(line);
    if (!seenData && !header && fields.length >= 2 && fields.slice(0, 2).every((f) => HEADER_NAME.test(f))) {
      header = true;
      continue;
    }
    seenData = true;
    const reason = line.includes('\uFFFD')
      ? 'bytes that are not UTF-8 text'
      : fields.length < 2
        ? 'it needs at least a user and an item'
        : fields.length > 4
          ? `${fields.length} fields; at most user, item, rating, timestamp`
          : fields.length >= 3 && !(NUMBER.test(fields[2]) && Number.isFinite(Number(fields[2])))
            ? `rating "${clip(fields[2])}" is not a finite number`
            : fields.length === 4
              ? badTime(fields[3])
              : null;
    if (reason !== null) {
      malformed++;
      if (options.malformed === 'refuse')
        return fail(`Line ${i + 1}: ${reason}. Fix the line, or choose to skip malformed lines.`);
      if (problems.length < LISTED) problems.push({ line: i + 1, reason });
      continue;
    }
    const [user, item] = fields;
    const key = `${user}\u0000${item}`;
    if (pairs.has(key)) {
      duplicates++;
      if (options.duplicates === 'drop') continue;
    } else pairs.add(key);
    if (n === u.length) {
      const grow = (a: Uint32Array) => Uint32Array.from({ length: 2 * a.length }, (_, j) => (j < a.length ? a[j] : 0));
      [u, v] = [grow(u), grow(v)];
      if (r) r = Float32Array.from({ length: 2 * r.length }, (_, j) => (j < r!.length ? r![j] : 0));
    }
    if (fields.length >= 3 && r === null) {
      if (n > 0) return fail(`Line ${i + 1}: a rating, while the lines before it had none. Use one format throughout.`);
      r = new Float32Array(u.length);
    } else if (fields.length < 3 && r !== null)
      return fail(`Line ${i + 1}: no rating, while the lines before it had one. Use one format throughout.`);
    u[n] = id(userIds, users, user);
    v[n] = id(itemIds, items, item);
    if (r) r[n] = Number(fields[2]);
    if (++n > MAX_INTERACTIONS)
      return fail(`More than ${MAX_INTERACTIONS.toLocaleString('en-US')} interactions; that is the limit.`);
  }
  options.progress?.(1);
  if (n === 0)
    return fail(
      malformed > 0
        ? `No usable lines: all ${malformed} were malformed (line ${problems[0]?.line}: ${problems[0]?.reason}).`
        : 'The file has no interactions. Write one user,item pair per line.',
    );
  if (users.length < 2 || items.length < 2)
    return fail(`At least two users and two items are needed (found ${users.length} and ${items.length}).`);
  const byUser = rankByCount(u.subarray(0, n), users.length);
  const byItem = rankByCount(v.subarray(0, n), items.length);
  return {
    ok: true,
    log: {
      users: byUser.order.map((k) => users[k]),
      items: byItem.order.map((k) => items[k]),
      userCounts: byUser.counts,
      itemCounts: byItem.counts,
      user: Uint32Array.from(u.subarray(0, n), (k) => byUser.rank[k]),
      item: Uint32Array.from(v.subarray(0, n), (k) => byItem.rank[k]),
      rating: r ? r.slice(0, n) : null,
      header,
      malformed,
      problems,
      duplicates,
      duplicatesDropped: options.duplicates === 'drop',
    },
  };
}

/** Ids (first-appearance order) renumbered by count, most frequent first; ties keep first appearance. */
function rankByCount(ids: Uint32Array, size: number): { order: number[]; rank: Uint32Array; counts: Uint32Array } {
  const count = new Uint32Array(size);
  for (const k of ids) count[k]++;
  const order = Array.from({ length: size }, (_, k) => k).sort((a, b) => count[b] - count[a] || a - b);
  const rank = new Uint32Array(size);
  order.forEach((k, r) => (rank[k] = r));
  return { order, rank, counts: Uint32Array.from(order, (k) => count[k]) };
}

/**
 * A seeded held-out split: interaction j is held out when its hash falls below `fraction`.
 * Returns the indices of each part, in file order.
 */
export function splitHeldOut(
  size: number,
  fraction: number,
  seed: number,
): { train: Uint32Array; heldOut: Uint32Array } {
  const threshold = Math.floor(fraction * 2 ** 32);
  const held: number[] = [];
  const train: number[] = [];
  for (let j = 0; j < size; j++) (pcg((pcg(seed) + j) >>> 0) < threshold ? held : train).push(j);
  return { train: Uint32Array.from(train), heldOut: Uint32Array.from(held) };
}

/** Interactions per user and per item rank within `part` (e.g. the training part only). */
export function countsIn(log: InteractionLog, part: Uint32Array): { users: Uint32Array; items: Uint32Array } {
  const users = new Uint32Array(log.users.length);
  const items = new Uint32Array(log.items.length);
  for (const j of part) {
    users[log.user[j]]++;
    items[log.item[j]]++;
  }
  return { users, items };
}
