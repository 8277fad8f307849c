// "Your data: a text": paste or open plain text, see how close its words come to Zipf's law, and
// train skip-gram embeddings on its (word, context) pairs. Read in a Web Worker with progress and
// Cancel; the text never leaves the browser.

import { useCallback, useContext, useMemo, useState } from 'react';
import {
  DEFAULT_TEXT_OPTIONS,
  MAX_TEXT_CHARS,
  MAX_TEXT_PAIRS,
  type ParsedText,
  type TextCorpus,
  type TextOptions,
} from '../../../engine/input/text.ts';
import { FileButton } from '../../parts/FileButton.tsx';
import { Chart, type Row, type Series } from '../../chart/Chart.tsx';
import { DataRefusal } from './DataRefusal.tsx';
import { ReadersContext } from '../../parts/readersContext.ts';
import { focusRun } from '../../parts/focusRun.ts';
import { ZIPF_HEAD_RANKS } from '../../../engine/input/zipfFit.ts';
import { usePlayground } from '../../parts/storeContext.ts';
import { useReadJob } from '../../parts/useReadJob.tsx';
import { rankName } from '../../parts/rowNames.ts';
import { textRun } from '../../parts/textRun.ts';

/** Points drawn of the rank-frequency curve (log-spaced ranks). */
const CURVE_POINTS = 200;

/** Share of the words by rank (1-based, log-spaced), and the fitted Zipf line over the fitted ranks. */
function zipfRows(c: TextCorpus): Row[] {
  const counts = c.wordCounts;
  const { s, logC, ranks } = c.zipf;
  const rows = new Map<number, Row>();
  for (let i = 0; i < CURVE_POINTS; i++) {
    const r = Math.round(Math.pow(counts.length, i / (CURVE_POINTS - 1)));
    rows.set(r, {
      x: r,
      words: counts[r - 1] / c.tokens,
      fit: Number.isFinite(s) && r <= ranks ? Math.exp(logC - s * Math.log(r)) / c.tokens : null,
    });
  }
  return [...rows.values()];
}

const n = (x: number) => x.toLocaleString('en-US');

/** A whole number from a field, or why not. */
function wholeNumber(text: string, lo: number, hi: number, name: string): number | string {
  const v = Number(text.trim());
  return /^\d+$/.test(text.trim()) && v >= lo && v <= hi
    ? v
    : `${name} must be a whole number from ${n(lo)} to ${n(hi)}.`;
}

export function TextPanel() {
  const parser = useContext(ReadersContext);
  const trainOn = usePlayground((s) => s.trainOn);
  const dataRead = usePlayground((s) => s.dataRead);
  const [pasted, setPasted] = useState('');
  const [vocabulary, setVocabulary] = useState(String(DEFAULT_TEXT_OPTIONS.vocabulary));
  const [windowText, setWindowText] = useState(String(DEFAULT_TEXT_OPTIONS.window));
  const [lowercase, setLowercase] = useState(DEFAULT_TEXT_OPTIONS.lowercase);
  const [result, setResult] = useState<{ name: string; corpus: TextCorpus; options: TextOptions } | null>(null);
  const reading = useReadJob<ParsedText>('text');
  const rows = useMemo(() => (result ? zipfRows(result.corpus) : []), [result]);
  const describe = useCallback(
    (row: Row) => (result && row.x != null ? rankName(row.x - 1, result.corpus.words) : null),
    [result],
  );
  if (!parser) return null;

  const vocab = wholeNumber(vocabulary, 2, 1_000_000, 'Vocabulary');
  const win = wholeNumber(windowText, 1, 10, 'Window');
  const problems = [vocab, win].filter((v): v is string => typeof v === 'string');
  const read = (name: string, source: Blob | string) => {
    if (problems.length > 0) return reading.setError(problems.join(' '));
    const options = { vocabulary: vocab as number, window: win as number, lowercase };
    reading.start(
      name,
      (progress) => parser.text(source, options, progress),
      (r) => {
        setResult({ name, corpus: r.corpus, options });
        // Offered beside Run too, until it is trained on.
        dataRead({ pairs: r.corpus.pairs, source: 'text', name, options: textRun({ corpus: r.corpus, options }) });
      },
    );
  };
  const c = result?.corpus;
  const series: Series[] = [
    { key: 'words', name: 'words', color: '#0072B2', dash: '' },
    {
      key: 'fit',
      name: c && Number.isFinite(c.zipf.s) ? `Zipf fit, s = ${c.zipf.s.toFixed(2)}` : 'Zipf fit',
      color: '#555',
      dash: '2 5',
      reference: true,
    },
  ];
  return (
    <section className="data" aria-labelledby="text-title">
      <h3 id="text-title">Your data: a text</h3>
      <p className="hint">
        Paste or open plain text. It is split into words, and skip-gram embeddings learn from each word and its
        neighbours. Up to {MAX_TEXT_CHARS / 2 ** 20} M characters and {n(MAX_TEXT_PAIRS)} word–context pairs; the text
        stays in this browser.
      </p>
      <textarea
        aria-label="Text to train on"
        rows={4}
        value={pasted}
        maxLength={MAX_TEXT_CHARS}
        placeholder="Paste a text here…"
        onChange={(e) => setPasted(e.target.value)}
      />
      <div className="data-options">
        <label>
          Vocabulary{' '}
          <input
            aria-label="Vocabulary"
            inputMode="numeric"
            size={7}
            value={vocabulary}
            aria-invalid={typeof vocab === 'string' || undefined}
            onChange={(e) => setVocabulary(e.target.value)}
          />
        </label>
        <label>
          Window{' '}
          <input
            aria-label="Window"
            inputMode="numeric"
            size={3}
            value={windowText}
            aria-invalid={typeof win === 'string' || undefined}
            onChange={(e) => setWindowText(e.target.value)}
          />
        </label>
        <label>
          <input type="checkbox" checked={lowercase} onChange={(e) => setLowercase(e.target.checked)} /> lower-case
        </label>
      </div>
      {problems.length > 0 && (
        <p className="error" role="alert">
          {problems.join(' ')}
        </p>
      )}
      <div className="buttons">
        <button disabled={pasted.trim() === ''} onClick={() => read('pasted text', pasted)}>
          Read the pasted text
        </button>
        <FileButton label="Open a text file…" accept=".txt,.md,text/*" onFile={(file) => read(file.name, file)} />
      </div>
      {reading.status}
      {c && result && (
        <div data-testid="text-summary">
          <p>
            <b>{result.name}</b>: {n(c.tokens)} words, {n(c.wordCounts.length)} distinct; the{' '}
            {n(c.rows.length - (c.otherShare > 0 ? 1 : 0))} most frequent are kept
            {c.otherShare > 0
              ? `, the rest (${(100 * c.otherShare).toFixed(1)}% of the words) share one row`
              : ''}; {n(c.pairs.a.length)} word–context pairs.
          </p>
          <p>
            {Number.isFinite(c.zipf.s)
              ? `Zipf's law fitted by maximum likelihood over the head, ranks 1–${n(c.zipf.ranks)} (at most ${n(ZIPF_HEAD_RANKS)}, words seen 3 times or more): exponent s = ${c.zipf.s.toFixed(2)}, R² = ${c.zipf.r2.toFixed(3)} on log–log axes. Large corpora of natural language often come out near s = 1 over their head; one text, or one topic, can differ.`
              : 'Too few repeated words to fit Zipf’s law.'}
          </p>
          <Chart
            describe={describe}
            title="Words by rank (log-log)"
            xLabel="rank"
            yLabel="share of words"
            xLog
            rows={rows}
            series={series}
            height={260}
          />
          <div className="buttons">
            <button
              onClick={() => {
                trainOn(c.pairs, 'text', result.name, textRun(result));
                focusRun();
              }}
            >
              Train on this text
            </button>
          </div>
          <DataRefusal replace={() => trainOn(c.pairs, 'text', result.name, { ...textRun(result), replace: true })} />
          <p className="hint">
            Skip-gram with negative sampling: a word and a neighbour within the window are a positive pair, a word and a
            sampled word a negative one; the charts show the logistic loss on held-out pairs.
          </p>
        </div>
      )}
    </section>
  );
}
