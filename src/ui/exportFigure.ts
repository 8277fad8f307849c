// Charts as files: a standalone SVG (title, legend, the chart's own SVG with its axes and labels,
// and a caption with the configuration and the link), a PNG rendered from that SVG, and a helper
// that downloads a blob. Everything here is built from the page's own data; text is XML-escaped.

export interface FigureInfo {
  title: string;
  legend: { name: string; color: string; dash: string }[];
  /** Caption lines (configuration summary, step and device, link); long lines are wrapped. */
  caption: string[];
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Splits text into lines of at most `width` characters, at spaces where possible. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * A standalone SVG document: `body` (SVG markup of size bodyWidth × bodyHeight) under a title and
 * a legend, above a caption.
 */
export function figureSvg(
  body: string,
  bodyWidth: number,
  bodyHeight: number,
  info: FigureInfo,
  /** Empty space at the top of `body` to leave out (where the page showed its HTML legend). */
  top = 0,
): string {
  const width = Math.max(bodyWidth, 480);
  const parts: string[] = [];
  let y = 24;
  parts.push(`<text x="12" y="${y}" font-size="16" font-weight="600">${escapeXml(info.title)}</text>`);
  // Legend: a line sample in the series' colour and dash, then its name; rows wrap.
  y += 22;
  let x = 12;
  for (const item of info.legend) {
    const w = 34 + item.name.length * 6.6;
    if (x + w > width - 12 && x > 12) [x, y] = [12, y + 18];
    parts.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="${escapeXml(item.color)}" stroke-width="2"` +
        `${item.dash ? ` stroke-dasharray="${escapeXml(item.dash)}"` : ''}/>`,
      `<text x="${x + 30}" y="${y}" font-size="12">${escapeXml(item.name)}</text>`,
    );
    x += w + 12;
  }
  y += 10;
  parts.push(`<g transform="translate(0 ${y - top})">${body}</g>`);
  y += bodyHeight - top + 8;
  const perLine = Math.floor((width - 24) / 6);
  for (const line of info.caption.flatMap((c) => wrap(c, perLine))) {
    y += 15;
    parts.push(`<text x="12" y="${y}" font-size="11" fill="#333">${escapeXml(line)}</text>`);
  }
  const height = y + 12;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(FONT)}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`
  );
}

/**
 * The plot drawn inside `figure` (Chart: Recharts' SVG surface), as markup, with its size; `top`
 * is the band at the top where the page shows its HTML legend (the figure draws its own).
 */
export function chartBody(figure: HTMLElement): { body: string; width: number; height: number; top: number } | null {
  const svg = figure.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const legend = figure.querySelector<HTMLElement>('.recharts-legend-wrapper');
  // The hover line is page state, not part of the figure.
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((e) => e.remove());
  return {
    body: copy.innerHTML,
    width: Math.round(box.width),
    height: Math.round(box.height),
    top: legend ? Math.round(legend.getBoundingClientRect().height) : 0,
  };
}

/** Renders an SVG document to a PNG at `scale` × its size, on white. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg)!;
  const [w, h] = [Number(size[1]), Number(size[2])];
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [w * scale, h * scale];
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers `data` as a download named `fileName`. */
export function download(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe form of a title: "Excess loss (log scale)" → "excess-loss-log-scale". */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
