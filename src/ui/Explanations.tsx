// Short explanations: what is trained, why rare tokens starve, what FA-SGD / CF-SGD change,
// what Adagrad does implicitly, and exactly which step-size family this page implements.

const PAPER = 'https://arxiv.org/abs/2110.04844';

export function Explanations() {
  return (
    <section className="panel explain" aria-labelledby="explain-title">
      <h2 id="explain-title">What you are looking at</h2>
      <details open>
        <summary>What is being trained</summary>
        <p>
          An embedding table: one vector θ<sub>k</sub> ∈ ℝ<sup>d</sup> per token k. Each sample draws a token k with
          probability p<sub>k</sub> and a context x ~ (0, I); the target is y = ⟨θ*<sub>k</sub>, x⟩ + σε from a hidden
          teacher table θ*. The loss is ½(⟨θ<sub>k</sub>, x⟩ − y)², so only rows of tokens in the batch get a gradient.
          The excess loss ½ Σ<sub>k</sub> p<sub>k</sub> ‖θ<sub>k</sub> − θ*<sub>k</sub>‖² measures how far the table is
          from the teacher. (Matrix factorisation: a user and an item row per sample, y ≈ ⟨u, v⟩.)
        </p>
      </details>
      <details>
        <summary>Why rare tokens starve under one step size</summary>
        <p>
          In expectation, row k moves by η·p<sub>k</sub>·(θ<sub>k</sub> − θ*<sub>k</sub>) per step: its gradient scales
          with its frequency. The largest stable η is set by the most frequent token (η·p<sub>max</sub> below about 2),
          so a token 1000× rarer learns 1000× slower. On a Zipf distribution most tokens are rare.
        </p>
      </details>
      <details>
        <summary>What FA-SGD and CF-SGD change</summary>
        <p>
          They give each token its own step: θ<sub>k</sub> −= η·m<sub>k</sub>·g<sub>k</sub> with m<sub>k</sub> = min((p
          <sub>max</sub>/p<sub>k</sub>)<sup>β</sup>, c). FA-SGD uses the true frequencies; CF-SGD estimates them with
          one counter per row, m<sub>k</sub> = min((n<sub>max</sub>/n<sub>k</sub>)<sup>β</sup>, c), where n<sub>k</sub>{' '}
          counts the token's occurrences so far. β = ½ by default; the cap c keeps a token seen once from overshooting.
          Neither needs optimizer memory beyond that counter.
        </p>
      </details>
      <details>
        <summary>What Adagrad does implicitly</summary>
        <p>
          Adagrad divides by √s<sub>k</sub>, the root of the token's summed squared gradients. s<sub>k</sub> grows with
          the number of times the token was seen, so its step falls like 1/√count: a frequency-aware step with β ≈ ½,
          paid for with one float per row (row-wise) or d floats per row (coordinate-wise). The effective-step chart
          shows the slope.
        </p>
      </details>
      <details>
        <summary>The method, honestly</summary>
        <p>
          From Li, Choudhary, Wei, Yuan, Bhushanam, Zhao and Lan,{' '}
          <a href={PAPER} rel="noreferrer">
            “Frequency-aware SGD for Efficient Embedding Learning with Provable Benefits”
          </a>{' '}
          (ICLR 2022). This page implements the family m<sub>k</sub> = min(ratio<sup>β</sup>, c) with constant η; the
          paper's exact algorithm constants are not reproduced here, and β and c cover its variants. Duplicates of a row
          in a batch are summed first and the optimizer runs once per unique row (as in production embedding trainers),
          so Adagrad accumulates (Σg)², not Σg². Every lane sees the same token stream and starts from the same table.
        </p>
      </details>
    </section>
  );
}
