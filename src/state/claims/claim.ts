// A sentence the page prints about a run or a configuration, as a template: named variants, each
// with the predicate on the facts that must hold for it to be printed, and its words. For any facts
// exactly one variant holds; the page prints that one. The variants of a template are its
// alternatives: a tie is said as a tie, a cap that never binds as one that never binds.
// Every template registers itself (TEMPLATES): the regime sweep (sweep.node.test.ts) requires each
// variant to be printed in some regime, and checks each printed one against the run's exports.

/** One way a sentence can read. */
export interface Variant<F> {
  /** What must be true of the facts for these words to be printed. */
  holds(f: F): boolean;
  /** The words ('' prints nothing: silence is an alternative too). */
  words(f: F): string;
}

export interface Template<F> {
  /** Unique name, "room.sentence" (e.g. "race.summary"). */
  id: string;
  variants: Readonly<Record<string, Variant<F>>>;
}

/** Every template of the page, in the order their modules define them. */
export const TEMPLATES: Template<never>[] = [];

/** Defines (and registers) a template. */
export function template<F>(id: string, variants: Record<string, Variant<F>>): Template<F> {
  if (TEMPLATES.some((t) => t.id === id)) throw new Error(`Two templates are named ${id}.`);
  const t: Template<F> = { id, variants };
  TEMPLATES.push(t as unknown as Template<never>);
  return t;
}

/** A sentence as said: its template and variant, what it is about, its words and the facts it read. */
export interface Said<F = unknown> {
  template: Template<F>;
  /** The variant printed ('' where none holds: a gap in the template, which the sweep test reports). */
  variant: string;
  /** What it is about where a template is said of several things (a lane, a bucket): unique per template. */
  key: string;
  text: string;
  facts: F;
}

/** The variants of `t` that hold for `facts` (exactly one, for a template without gaps or overlaps). */
export const holding = <F>(t: Template<F>, facts: F) =>
  Object.keys(t.variants).filter((v) => t.variants[v].holds(facts));

/** Says `t` of `facts`: the first variant that holds (nothing where none does). */
export function say<F>(t: Template<F>, facts: F, key = ''): Said<F> {
  const variant = Object.keys(t.variants).find((v) => t.variants[v].holds(facts)) ?? '';
  return { template: t, variant, key, text: variant ? t.variants[variant].words(facts) : '', facts };
}

/** The words of several sentences, in order, those that print something joined by spaces. */
export const text = (said: Said[]) =>
  said
    .map((s) => s.text)
    .filter(Boolean)
    .join(' ');
