// A lane's last update of a row as a typeset rule with its numbers substituted (TeX for KaTeX, built
// from numbers only): the rule, then the rule with η, the boost and what it is made of (the
// frequencies, the counter, the accumulator), the gradient's norm, and the size of the step taken.

import type { LaneUpdate } from '../../engine/meaning/rowUpdate.ts';
import { stepSizes } from '../../engine/meaning/rowUpdate.ts';

/** A number in TeX: 3 significant digits, powers of ten outside [10⁻³, 10⁵), thin spaces in thousands. */
export function texNum(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : Number.isNaN(x) ? '\\text{—}' : '-\\infty';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) {
    const [m, e] = x.toExponential(digits - 1).split('e');
    const mant = String(Number(m));
    return `${mant === '1' ? '' : mant === '-1' ? '-' : `${mant}\\cdot `}10^{${Number(e)}}`;
  }
  if (Number.isInteger(x) && a >= 1000) return x.toLocaleString('en-US').replaceAll(',', '{,}');
  return String(Number(x.toPrecision(digits)));
}

const norm = (v: number[]) => Math.hypot(...v);

/** Lines set one under the other. */
const lines = (...l: string[]) => (l.length === 1 ? l[0] : `\\begin{gathered}${l.join(' \\\\ ')}\\end{gathered}`);

/** The TeX of one lane's update: the rule, the rule with its numbers, what the step was made of. */
export function ruleTex(u: LaneUpdate): string {
  if (u.frozen) return `\\text{frozen (the lane diverged): } \\theta_k \\text{ unchanged}`;
  const moved = texNum(norm(u.after.map((x, j) => x - u.before[j])));
  const sizes = `\\lVert g_k\\rVert = ${texNum(norm(u.g))},\\quad \\lVert \\Delta\\theta_k \\rVert = ${moved}`;
  const eta = texNum(u.lr);
  const f = u.factor;
  const step = (m: number) => `\\theta_k - ${texNum(u.lr * m)}\\, g_k`;
  switch (f.kind) {
    case 'none':
      return lines(`\\theta_k \\leftarrow \\theta_k - \\eta\\, g_k = \\theta_k - ${eta}\\, g_k`, sizes);
    case 'frequency':
      return lines(
        `\\theta_k \\leftarrow \\theta_k - \\eta \\min\\!\\big((p_{\\max}/p_k)^{\\beta}, c\\big)\\, g_k`,
        `= \\theta_k - ${eta} \\cdot \\min\\!\\big((${texNum(f.pmax)}/${texNum(f.pk)})^{${texNum(f.beta)}}, ${texNum(f.cap)}\\big)\\, g_k = ${step(f.m)}`,
        sizes,
      );
    case 'counter':
      return lines(
        `n_k \\leftarrow ${texNum(f.nk - f.added)} + ${texNum(f.added)} = ${texNum(f.nk)},\\quad n_{\\mathrm{ref}} = ${texNum(f.nref)}\\ (\\text{from } n_{\\max} = ${texNum(f.nmax)})`,
        `\\theta_k \\leftarrow \\theta_k - \\eta \\min\\!\\big((n_{\\mathrm{ref}}/n_k)^{\\beta}, c\\big)\\, g_k`,
        `= \\theta_k - ${eta} \\cdot \\min\\!\\big((${texNum(f.nref)}/${texNum(f.nk)})^{${texNum(f.beta)}}, ${texNum(f.cap)}\\big)\\, g_k = ${step(f.m)}`,
        sizes,
      );
    case 'accumulator':
      return lines(
        `s_k \\leftarrow s_k + \\tfrac{1}{d}\\lVert g_k\\rVert^2 = ${texNum(f.before)} + ${texNum(f.added)} = ${texNum(f.after)}`,
        `\\theta_k \\leftarrow \\theta_k - \\frac{\\eta}{\\sqrt{s_k} + \\varepsilon}\\, g_k = \\theta_k - \\frac{${eta}}{\\sqrt{${texNum(f.after)}} + ${texNum(f.eps)}}\\, g_k = \\theta_k - ${texNum(stepSizes(u)[0])}\\, g_k`,
        sizes,
      );
    case 'coordinates': {
      const steps = stepSizes(u);
      const geo = Math.exp(steps.reduce((s, x) => s + Math.log(x), 0) / steps.length);
      return lines(
        `s_{kj} \\leftarrow s_{kj} + g_{kj}^2 \\in [${texNum(Math.min(...f.after))}, ${texNum(Math.max(...f.after))}]\\ \\text{over } j`,
        `\\theta_{kj} \\leftarrow \\theta_{kj} - \\frac{\\eta}{\\sqrt{s_{kj}} + \\varepsilon}\\, g_{kj} = \\theta_{kj} - \\frac{${eta}}{\\sqrt{s_{kj}} + ${texNum(f.eps)}}\\, g_{kj}`,
        `\\text{steps from } ${texNum(Math.min(...steps))} \\text{ to } ${texNum(Math.max(...steps))} \\text{ (geometric mean } ${texNum(geo)})`,
        sizes,
      );
    }
  }
}
