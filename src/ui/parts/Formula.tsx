// Typeset TeX with KaTeX (HTML for the eye, MathML for screen readers). The TeX is built by this
// code from validated numbers, never from raw user text.

import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

export const Formula = memo(function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, displayMode: display }), [tex, display]);
  return (
    <span
      className={display ? 'formula display' : 'formula'}
      data-tex={tex}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});

/** A number typed in a field as TeX (1e-8 → 10^{-8}, 2.5e-3 → 2.5·10^{-3}), or `symbol` when not a number. */
export function texNumber(text: string | undefined, symbol: string): string {
  const t = (text ?? '').trim();
  if (t === '' || !Number.isFinite(Number(t))) return symbol;
  const v = Number(t);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
    const [m, e] = v.toExponential().split('e');
    const mant = Number(Number(m).toPrecision(4));
    return `${mant === 1 ? '' : `${mant}\\cdot `}10^{${Number(e)}}`;
  }
  return String(Number(v.toPrecision(6)));
}
