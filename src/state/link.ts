// Permalinks: the form in the URL fragment, schema version LINK_VERSION.
//   #v=4&preset=uniform&lesson=tail-starves&hide=sizes,optimizers&sgd.lr=4&fasgd.on=0&tokens.knots=0,-0.5,…
// Lane settings are named by optimizer (form fields name them by position: lanes.<i>.<key>).
// Only values that differ from the preset's (or lesson's) defaults are written. Past
// COMPRESS_ABOVE characters the whole string is deflated: #z=<base64url(deflate-raw(string))>.
// Reading never throws: every unknown or invalid value is named in a notice and replaced by its
// default. Values are only ever parsed as numbers or matched against known names.
// Links of older versions are migrated step by step (MIGRATIONS) before they are read.

import { PRESETS, type DataReading, type DataRef, type PresetId } from '../engine/config.ts';
import { DRAWN_KNOTS } from '../engine/sampling/distributions.ts';
import { DEFAULT_HELD_OUT } from '../engine/input/pairData.ts';
import { fieldSpec, linkName, pathOfLinkName, type Custom, type FieldPath } from './fields.ts';
import { defaultForm, formErrors, type Form } from './form.ts';
import { HIDEABLE, lessonById, type Hideable } from './lessons.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import { DIST_TARGETS, type DistTarget } from '../engine/workloads/workload.ts';

export const LINK_VERSION = 4;

type Params = Map<string, string>;

/** Version 1 named lanes by position, in this order in every preset (frozen here for old links). */
const V1_LANES = ['sgd', 'fasgd', 'cfsgd', 'adagradRow', 'adagradCoord'];

/** MIGRATIONS[v] turns a version-v link into a version v + 1 one. */
const MIGRATIONS: Record<number, (p: Params) => Params> = {
  1: (p) =>
    new Map(
      [...p].map(([k, v]) => {
        const m = /^lanes\.(\d+)\.(lr|beta|cap|eps|on)$/.exec(k);
        if (k === 'v') return ['v', '2'];
        return m && V1_LANES[Number(m[1])] ? [`${V1_LANES[Number(m[1])]}.${m[2]}`, v] : [k, v];
      }),
    ),
  // Version 3 changed the uniform preset's CF-SGD rate from 32 to 56 (CF-SGD's reference count was
  // de-biased, docs/engine.md): an older link of that preset (or of a lesson on it) keeps the rate
  // it was made with.
  2: (p) => {
    const next = new Map(p).set('v', '3');
    const lesson = p.has('lesson') ? lessonById(p.get('lesson')!) : undefined;
    const preset = lesson ? lesson.preset : p.get('preset');
    if (preset === 'uniform' && !p.has('cfsgd.lr')) next.set('cfsgd.lr', '32');
    return next;
  },
  // Version 4 made runs stop at step 1,000 unless told otherwise (DEFAULT_STOP): an older link of
  // a preset without a stop step kept running, and still does (a lesson's own stop is unchanged).
  3: (p) => {
    const next = new Map(p).set('v', '4');
    if (!p.has('lesson') && !p.has('stopAt')) next.set('stopAt', '');
    return next;
  },
};

export const COMPRESS_ABOVE = 1500;
/** Longest fragment read, and longest inflated text (guards against zip bombs). */
export const MAX_LINK_CHARS = 4 * 2 ** 20;
const MAX_INFLATED = 16 * 2 ** 20;
/** Longest data name kept from a link. */
const MAX_VALUE_CHARS = 64;

const escape = (v: string) => encodeURIComponent(v).replaceAll('%2C', ',');
const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * A data reference in a link: data=<source>,<rows>,<items>,<pairs>,<r|i>,<fingerprint>&data.name=<name>,
 * and how the file was read, where known: data.read=<keep|drop> (a log's repeated pairs) or
 * data.read=<vocabulary>,<window>,<lower|asis> (a text).
 */
function dataParams(d: DataRef): [string, string][] {
  const read = d.reading && readingText(d.reading);
  return [
    ['data', [d.source, d.rows, d.items, d.pairs, d.ratings ? 'r' : 'i', d.fingerprint].join(',')],
    ['data.name', d.name.slice(0, MAX_VALUE_CHARS)],
    ...(read ? [['data.read', read] as [string, string]] : []),
  ];
}

const readingText = (r: DataReading) =>
  r.source === 'log' ? r.duplicates : `${r.vocabulary},${r.window},${r.lowercase ? 'lower' : 'asis'}`;

/** How a link's data was read (data.read), for its source; null when malformed. */
function readingFrom(source: DataRef['source'], value: string): DataReading | null {
  if (source === 'log') return value === 'keep' || value === 'drop' ? { source, duplicates: value } : null;
  const m = /^(\d{1,7}),(\d{1,2}),(lower|asis)$/.exec(value);
  if (!m) return null;
  const reading = { source, vocabulary: Number(m[1]), window: Number(m[2]), lowercase: m[3] === 'lower' };
  return reading.vocabulary >= 2 && reading.vocabulary <= 1_000_000 && reading.window >= 1 && reading.window <= 10
    ? reading
    : null;
}

/** The data reference of a link's values (held-out share from the form), or null when malformed. */
function dataFrom(value: string, name: string | undefined): DataRef | null {
  const m = /^(log|text),(\d{1,8}),(\d{1,8}),(\d{1,9}),([ri]),([0-9a-f]{8})$/.exec(value);
  if (!m || name === undefined) return null;
  return {
    source: m[1] as DataRef['source'],
    rows: Number(m[2]),
    items: Number(m[3]),
    pairs: Number(m[4]),
    ratings: m[5] === 'r',
    fingerprint: m[6],
    name: name.slice(0, MAX_VALUE_CHARS),
    heldOut: DEFAULT_HELD_OUT,
  };
}

function customParams(custom: Custom): [string, string][] {
  const out: [string, string][] = custom.data ? dataParams(custom.data) : [];
  for (const t of DIST_TARGETS) {
    const spec = custom[t];
    if (spec?.kind === 'drawn')
      out.push([`${t}.knots`, spec.knots.map((y) => (y === null ? '' : String(y))).join(',')]);
    if (spec?.kind === 'counts') out.push([`${t}.counts`, spec.counts.join(',')]);
  }
  return out;
}

/** The form as a query string (uncompressed), defaults left out. */
export function linkParams(form: Form): string {
  const defaults = defaultForm(form.presetId, form.lessonId);
  const pairs: [string, string][] = [['v', String(LINK_VERSION)]];
  if (form.lessonId !== null) pairs.push(['lesson', form.lessonId]);
  else if (form.presetId !== 'zipf') pairs.push(['preset', form.presetId]);
  if (form.hidden.join(',') !== defaults.hidden.join(',')) pairs.push(['hide', form.hidden.join(',')]);
  for (const [k, v] of Object.entries(form.fields) as [FieldPath, string][])
    if (defaults.fields[k] !== v) pairs.push([linkName(k, form.presetId), v]);
  pairs.push(...customParams(form.custom));
  return pairs.map(([k, v]) => `${k}=${escape(v)}`).join('&');
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment for a form: '#' + params, compressed when long. */
export async function linkHash(form: Form): Promise<string> {
  const params = linkParams(form);
  if (params.length <= COMPRESS_ABOVE) return `#${params}`;
  const packed = await pipe(new TextEncoder().encode(params), new CompressionStream('deflate-raw'), MAX_INFLATED);
  return `#z=${toBase64Url(packed)}`;
}

/** The query string inside a fragment, inflated if compressed; null with a notice when unreadable. */
async function unpack(hash: string, notices: string[]): Promise<string | null> {
  const body = hash.replace(/^#/, '');
  if (!body.startsWith('z=')) return body;
  try {
    const bytes = await pipe(fromBase64Url(body.slice(2)), new DecompressionStream('deflate-raw'), MAX_INFLATED);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text === '') throw new Error('empty');
    return text;
  } catch {
    notices.push('The compressed part of the link could not be read; the defaults are used.');
    return null;
  }
}

function numbers(text: string, allowEmpty: boolean): (number | null)[] | null {
  const parts = text.split(',');
  const out = parts.map((p) => (p.trim() === '' && allowEmpty ? null : /^[-+0-9.eE]+$/.test(p) ? Number(p) : NaN));
  return out.some((v) => v !== null && !Number.isFinite(v)) ? null : out;
}

/** The custom distribution a link value describes, or a reason it is unusable. */
function customFrom(key: string, value: string): { target: DistTarget; spec: Custom[DistTarget] } | string {
  const [target, kind] = key.split('.') as [DistTarget, 'knots' | 'counts'];
  const parsed = numbers(value, kind === 'knots');
  if (parsed === null) return `"${key}" holds something other than numbers`;
  if (kind === 'knots') {
    if (parsed.length !== DRAWN_KNOTS) return `"${key}" needs ${DRAWN_KNOTS} values (got ${parsed.length})`;
    return { target, spec: { kind: 'drawn', knots: parsed } };
  }
  return { target, spec: { kind: 'counts', counts: parsed as number[] } };
}

/** What a link opened as: its form, a notice for every value that could not be used, and what else to know (e.g. a data run's data stays behind). */
export interface OpenedLink {
  form: Form;
  notices: string[];
  info: string[];
}

/**
 * The form a fragment describes, a notice for every value that could not be used, and what else
 * the page should say about it. Never throws; an empty fragment gives the default form and no notices.
 */
export async function readLink(hash: string): Promise<OpenedLink> {
  const notices: string[] = [];
  const info: string[] = [];
  if (hash.length > MAX_LINK_CHARS) {
    notices.push(`The link is too long (${hash.length.toLocaleString('en-US')} characters); the defaults are used.`);
    return { form: defaultForm('zipf'), notices, info };
  }
  const text = await unpack(hash, notices);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text ?? '');
  } catch {
    params = new URLSearchParams();
  }
  let raw: Params = new Map();
  for (const [k, v] of params) {
    if (raw.has(k)) notices.push(`"${clip(k)}" appears more than once in the link; the first value is used.`);
    else raw.set(k, v);
  }
  if (raw.size === 0) return { form: defaultForm('zipf'), notices, info };

  const version = raw.get('v');
  for (let v = Number(version); MIGRATIONS[v] && /^\d+$/.test(version!); v++) raw = MIGRATIONS[v](raw);
  if (raw.get('v') !== String(LINK_VERSION))
    notices.push(
      version === undefined
        ? `The link has no version; it is read as version ${LINK_VERSION}.`
        : `The link has version "${clip(version)}", which this page does not know; it is read as version ${LINK_VERSION}.`,
    );
  const lessonId = raw.get('lesson');
  const lesson = lessonId === undefined ? undefined : lessonById(lessonId);
  if (lessonId !== undefined && !lesson) notices.push(`There is no lesson "${clip(lessonId)}"; none is opened.`);
  const presetId = raw.get('preset');
  const presetOk = presetId !== undefined && Object.hasOwn(PRESETS, presetId);
  if (presetId !== undefined && !presetOk) notices.push(`There is no preset "${clip(presetId)}"; Zipf 1.1 is used.`);
  const form = defaultForm(presetOk ? (presetId as PresetId) : 'zipf', lesson?.id ?? null);
  const defaults = defaultForm(form.presetId, form.lessonId);

  const hide = raw.get('hide');
  if (hide !== undefined) {
    const names = hide.split(',').filter(Boolean);
    const bad = names.filter((n) => !Object.hasOwn(HIDEABLE, n));
    if (bad.length) notices.push(`Unknown control group "${clip(bad[0])}" in "hide"; it is ignored.`);
    form.hidden = [...new Set(names.filter((n) => Object.hasOwn(HIDEABLE, n)))] as Hideable[];
  }

  const fromLink = new Set<FieldPath>();
  if (raw.has('data') && workloadOf(PRESETS[form.presetId].config).needsData) {
    const ref = dataFrom(raw.get('data')!, raw.get('data.name'));
    const read = raw.get('data.read');
    const reading = ref && read !== undefined ? readingFrom(ref.source, read) : null;
    if (!ref) notices.push('The description of the data in this link is malformed; it is ignored.');
    else {
      if (read !== undefined && !reading)
        notices.push(
          `How the data was read ("data.read=${clip(read)}") is not usable; the reading settings of the page are used.`,
        );
      form.custom.data = reading ? { ...ref, reading } : ref;
      info.push(
        `This link is of a run on “${ref.name}” (${ref.pairs.toLocaleString('en-US')} ${ref.source === 'text' ? 'word–context pairs' : 'interactions'}). The data itself is not in the link: it stayed on the computer it came from. Open the same ${ref.source === 'text' ? 'text' : 'file'} in “Your data” to run it again; the link's fingerprint checks that it is the same.`,
      );
    }
  }
  for (const [name, value] of raw) {
    if (['v', 'lesson', 'preset', 'hide', 'data', 'data.name', 'data.read'].includes(name)) continue;
    const key = pathOfLinkName(name, form.presetId) as FieldPath;
    if (/^(tokens|itemTokens)\.(knots|counts)$/.test(key)) {
      const c = customFrom(key, value);
      if (typeof c === 'string') notices.push(`${c}; it is ignored.`);
      else form.custom[c.target] = c.spec;
      continue;
    }
    // Lanes are named by optimizer since version 2 (older links were migrated above).
    if (!Object.hasOwn(form.fields, key) || name.startsWith('lanes.')) {
      notices.push(`Unknown setting "${clip(name)}" in the link; it is ignored.`);
      continue;
    }
    if (value.length > fieldSpec(key)!.maxChars) {
      notices.push(`The value of "${name}" is too long; the default ${defaults.fields[key] || '(empty)'} is used.`);
      continue;
    }
    form.fields[key] = value;
    fromLink.add(key);
  }

  // Invalid values go back to their defaults, each named. A combination can be invalid even when
  // each value is fine (a head size beyond a smaller vocabulary): then the sizes go back too.
  const revert = (key: FieldPath, why: string) => {
    const name = linkName(key, form.presetId);
    notices.push(
      `"${name}=${clip(form.fields[key] ?? '')}" is not usable: ${why} The default ${defaults.fields[key] || '(empty)'} is used.`,
    );
    form.fields[key] = defaults.fields[key];
    fromLink.delete(key);
  };
  // A data run's missing data is not a value of the link (the page asks for the data).
  const problems = () => Object.entries(formErrors(form)).filter(([field]) => field !== 'data');
  for (let round = 0; round < 3; round++) {
    const errors = problems();
    if (errors.length === 0) break;
    for (const [field, message] of errors) {
      // A distribution parameter's problem may come from the kind the link chose.
      const kindOf = /^(tokens|itemTokens)\./.test(field) ? `${field.split('.')[0] as DistTarget}.kind` : null;
      const culprits = [...fromLink].filter((k) => k === field || k.startsWith(`${field}.`) || k === kindOf);
      const target = DIST_TARGETS.find((t) => field === t);
      if (target && form.custom[target]) {
        const name = target === 'tokens' ? 'token' : 'item';
        notices.push(`The link's ${name} distribution is not usable: ${message} The default is used.`);
        delete form.custom[target];
        form.fields[`${target}.kind`] = defaults.fields[`${target}.kind`];
        fromLink.delete(`${target}.kind`);
        continue;
      }
      for (const k of culprits) revert(k, message);
      if (culprits.length === 0 && round > 0)
        for (const k of (['rows', 'items'] as const).filter((k) => fromLink.has(k))) revert(k, message);
    }
    if (round === 2 && problems().length > 0) {
      notices.push('The link’s settings do not fit together; the defaults are used.');
      return { form: defaults, notices, info: [] };
    }
  }
  return { form, notices, info };
}
