// Short explanations: what is trained, why rare tokens starve, what FA-SGD / CF-SGD change,
// what Adagrad does implicitly, and exactly which step-size family this page implements. This text
// is static: each statement says in which regime it holds. What depends on the run is said next to
// it, by the claims (state/claims/).

import { memo } from 'react';
import { Formula } from './parts/Formula.tsx';

const PAPER = 'https://arxiv.org/abs/2110.04844';
const F = Formula;

export const Explanations = memo(function Explanations() {
  return (
    <section className="panel explain" aria-labelledby="explain-title">
      <h2 id="explain-title">What you are looking at</h2>
      <details open>
        <summary>What is being trained</summary>
        <p>
          An embedding table: one vector <F tex="\theta_k \in \mathbb{R}^d" /> per token k. Each sample draws a token k
          with probability <F tex="p_k" /> and a context <F tex="x" /> with mean 0 and covariance I; the target is{' '}
          <F tex="y = \langle \theta^*_k, x\rangle + \sigma\varepsilon" /> from a hidden teacher table{' '}
          <F tex="\theta^*" />. The loss is <F tex="\tfrac12(\langle\theta_k, x\rangle - y)^2" />, so only rows of
          tokens in the batch get a gradient. The excess loss
        </p>
        <F display tex="\mathcal{E} = \tfrac12 \sum_k p_k \,\lVert \theta_k - \theta^*_k \rVert^2" />
        <p>
          measures how far the table is from the teacher; the head, torso and tail charts divide it by each bucket’s
          probability mass. (Matrix factorisation: a user and an item row per sample,{' '}
          <F tex="y \approx \langle u, v\rangle" />; its excess loss is exact too, summed over every user against the
          second moments of each bucket’s item rows.)
        </p>
      </details>
      <details>
        <summary>The CTR workload</summary>
        <p>
          Click prediction from several categorical fields (say user, ad, site, device), each with its own number of
          values and its own Zipf skew, and one embedding table per field. A sample draws one value per field; a hidden
          factorisation machine gives its click probability{' '}
          <F tex="p^* = \sigma\big(b + \textstyle\sum_{f<g} \langle \theta^*_{x_f}, \theta^*_{x_g}\rangle\big)" />, and
          the learner fits the same model with the logistic loss. The excess log loss{' '}
          <F tex="\mathrm{KL}(p^* \,\Vert\, p)" /> is averaged over 4,096 fixed evaluation samples (a sample counts in
          the bucket of its rarest value), and the AUC ranks the same samples against clicks drawn once from{' '}
          <F tex="p^*" />; the teacher’s own AUC on those clicks is the best any model can expect.
        </p>
      </details>
      <details>
        <summary>Training on your data</summary>
        <p>
          An interaction log or a text has no teacher, so the charts show the loss on pairs held out from training (a
          seeded share, at most 4,096 of them; each implicit positive is evaluated with one sampled negative). Each
          sample is a pair from the training part: a user and an item with a rating, scored by{' '}
          <F tex="\langle u, v\rangle" /> with loss <F tex="\tfrac12(\langle u, v\rangle - r)^2" /> (ratings centred on
          their training mean); or, for implicit pairs and texts, a positive pair or — four times in five — a negative
          whose item is drawn <F tex="\propto n_v^{3/4}" />, with the logistic loss <F tex="\log(1 + e^{s}) - y\,s" />{' '}
          of the score <F tex="s = \langle u, v\rangle" />. A text gives skip-gram pairs: each word and every word
          within the window around it (word vectors and context vectors are two tables). FA-SGD takes each row’s
          frequency from the training part only. Users, items and words are ranked by frequency, so head, torso and tail
          mean the same as for tokens.
        </p>
      </details>
      <details>
        <summary>Why rare tokens starve under one step size</summary>
        <p>
          In expectation, row k moves by <F tex="\eta\, p_k (\theta_k - \theta^*_k)" /> per step: its gradient scales
          with its frequency. Under SGD the largest stable <F tex="\eta" /> is set by the most frequent token, so while
          its error is far above the noise a token 1000× rarer learns about 1000× slower (its error decays like{' '}
          <F tex="e^{-2\eta p_k t}" />
          ). On a Zipf distribution most tokens are rare.
        </p>
      </details>
      <details>
        <summary>What FA-SGD and CF-SGD change</summary>
        <p>They give each token its own step:</p>
        <F
          display
          tex="\theta_k \leftarrow \theta_k - \eta\, m_k\, g_k, \qquad m_k = \min\!\Big(\big(\tfrac{p_{\max}}{p_k}\big)^{\beta},\ c\Big)"
        />
        <p>
          FA-SGD uses the true frequencies; CF-SGD estimates them with one counter per row,{' '}
          <F tex="m_k = \min\big((n_{\mathrm{ref}}/n_k)^{\beta}, c\big)" />, where <F tex="n_k" /> counts the token’s
          occurrences so far and <F tex="n_{\mathrm{ref}}" /> is the largest counter of its table less that maximum’s
          selection bias (the largest of many noisy counts overshoots: on equally frequent tokens the plain maximum
          would boost most of them; matrix factorisation and CTR normalise each table by its own counters).{' '}
          <F tex="\beta = \tfrac12" /> by default; the cap <F tex="c" />, for the tokens where it binds (
          <F tex="(p_{\max}/p_k)^{\beta} \ge c" />
          ), keeps a rare token’s step from overshooting. A cap above the largest boost never binds and guards nothing.
          Neither needs optimizer memory beyond that counter.
        </p>
      </details>
      <details>
        <summary>What Adagrad does implicitly</summary>
        <p>
          Adagrad divides by <F tex="\sqrt{s_k}" />, the root of the token’s summed squared gradients. <F tex="s_k" />{' '}
          grows with the number of times the token was seen times its typical squared gradient. While label noise
          dominates that gradient (large <F tex="\sigma" />
          ), the step falls like <F tex="1/\sqrt{\text{count}}" />: a frequency-aware step with{' '}
          <F tex="\beta \approx \tfrac12" />. With little noise the gradients shrink as a token learns, and frequent
          tokens learn first, so the slope is shallower (about −0.3 at <F tex="\sigma = 0.1" /> on the Zipf presets):
          the paper’s “to a large extent”. Adagrad pays one float per row (row-wise) or d floats per row
          (coordinate-wise) for it. The effective-step chart shows the fitted slope; lesson 4 runs{' '}
          <F tex="\sigma = 0.1" /> and suggests 1.
        </p>
      </details>
      <details>
        <summary>The method, honestly</summary>
        <p>
          From Li, Choudhary, Wei, Yuan, Bhushanam, Zhao and Lan,{' '}
          <a href={PAPER} rel="noreferrer">
            “Frequency-aware SGD for Efficient Embedding Learning with Provable Benefits”
          </a>{' '}
          (ICLR 2022, arXiv 2110.04844). This page implements the family <F tex="m_k = \min(\text{ratio}^{\beta}, c)" />{' '}
          with constant <F tex="\eta" />; the paper’s exact algorithm constants are not reproduced here, and{' '}
          <F tex="\beta" /> and <F tex="c" /> cover its variants. Duplicates of a row in a batch are summed first and
          the optimizer runs once per unique row (as in production embedding trainers), so Adagrad accumulates{' '}
          <F tex="(\sum g)^2" />, not <F tex="\sum g^2" />. Every lane sees the same token stream and starts from the
          same table. A lane is marked diverged when its loss is no longer finite or passes 1,000× where it started (a
          stable lane whose noise floor lies past that mark is marked too; the divergence note says which).
        </p>
        <p>
          The dotted theory curves (token regression) are exact, not fitted: with{' '}
          <F tex="e_k = \mathbb{E}\lVert\theta_k - \theta^*_k\rVert^2" /> and row step <F tex="\eta_k = \eta\, m_k" />,
        </p>
        <F
          display
          tex="e_k(t+1) = \Big(1 - 2\eta_k p_k + \eta_k^2\big(\tfrac{p_k(\kappa + d - 1)}{B} + \tfrac{(B-1)p_k^2}{B}\big)\Big)e_k(t) + \tfrac{\eta_k^2\sigma^2 d\, p_k}{B}"
        />
        <p>
          from the run’s own teacher (<F tex="e_k(0) = \lVert\theta^*_k\rVert^2" />
          ), where <F tex="\kappa = 2.7" /> is the fourth moment of a context coordinate (the sum of four uniforms). The
          expected excess loss is <F tex="\tfrac12\sum_k p_k e_k(t)" />. It assumes the frequencies are known, so it is
          exact for SGD and FA-SGD; for CF-SGD it plugs in <F tex="n_k \approx t B p_k" /> (an approximation that
          ignores noisy and late counts); Adagrad’s random steps and the factorisation and logistic workloads have no
          closed form, so no curve is drawn for them. The same recursion gives each lane’s stable limit (every factor
          below 1; beyond it the expected error grows without bound, and no curve is drawn or exported for the lane)
          and, below it, the noise floor (<F tex="\approx \eta_k \sigma^2 d / (2B)" /> for small <F tex="\eta_k" />)
          where a constant step stops improving — why Adagrad, whose step keeps shrinking, can overtake a constant-step
          FA-SGD on long runs with label noise.
        </p>
      </details>
    </section>
  );
});
