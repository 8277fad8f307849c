// How the meaning views measure what they show, and where that stops being true (the method text
// of the room). Its numbers are the run's own: k, the candidates, the queries.

import type { AgreementInfo } from '../../engine/meaning/report.ts';
import { NEGATIVE_SHARE } from '../../engine/input/pairData.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function MeaningMethod({ info, window }: { info: AgreementInfo | null; window: number | null }) {
  const k = info?.k ?? 10;
  const negatives = Math.round(NEGATIVE_SHARE / (1 - NEGATIVE_SHARE));
  return (
    <details className="method">
      <summary>How “agreement” is measured, and its limits</summary>
      <p>
        <strong>The reference comes from the text alone.</strong> For every word w and context word c
        {window ? ` (within ${window} words of it)` : ''}, the positive pointwise mutual information PPMI(w, c) = max(0,
        log P(w, c) / (P(w)·P<sub>¾</sub>(c))), with the contexts’ probabilities raised to ¾ as the negative sampler
        draws them. Skip-gram with {negatives} negatives per positive, which every lane trains, converges towards the
        shifted matrix PMI − log {negatives} (Levy &amp; Goldberg, NeurIPS 2014), and the cosine of PPMI rows is the
        count-based similarity it is compared with (Levy, Goldberg &amp; Dagan, TACL 2015). Two words are neighbours in
        the reference when they occur in the same contexts.
      </p>
      <p>
        <strong>The measure.</strong> For {info ? `${info.queries.join(', ')}` : 'up to 60'} words of the head, torso
        and tail (evenly spaced in rank), the {k} nearest neighbours among the{' '}
        {info ? n(info.among) : 'most frequent tenth of the'} words by cosine in a lane’s word table, and in the
        reference; agreement@{k} is the share of the reference’s {k} that the lane lists too, averaged over the bucket’s
        words. Chance is {k} in {info ? n(info.among - 1) : 'the candidates less one'}. The candidates are the frequent
        words, which every lane has learnt: a rare word is judged by where it sits among words everyone knows. Among all
        words, rows that barely moved from their random start would crowd every list, under any optimizer, by chance.
      </p>
      <p>
        <strong>Limits.</strong> The reference is only as good as the counts: a word seen a few dozen times has a short,
        noisy PPMI row, so the tail’s agreement is bounded well below 1 even for a perfect model. A small table (its
        dimension d) and a fraction of an epoch fit the PMI matrix only in part, so even the head agrees far from fully:
        compare the lanes with each other and with chance, not with 1; and one word’s list, early on, is mostly noise in
        every lane, which is why the measure averages dozens of words. Other references (a truncated SVD of the PPMI
        matrix, or the word plus context vectors) would rank some neighbours differently. The average over a few dozen
        words moves by a few hundredths from seed to seed. The engine worker measures it now and then from a copy of the
        tables (at most a tenth of its time), so the curve has fewer points than the loss curves, and one at the stop
        step.
      </p>
    </details>
  );
}
