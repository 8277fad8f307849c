// Security: `npm audit --omit=dev` must show no high or critical issue in what the page ships.
// Fails on any such finding. Where the registry's audit endpoint cannot be reached (offline, or
// a mirror without it: this project's build machines answer 405), it says so and does not pass
// silently as "clean": the line printed is "audit: not run (...)".
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? (r.stderr.split('\n').find((l) => l.trim()) || 'no report');
  console.log(`audit: not run (${why.trim()})`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {}))
    if (v.severity === 'high' || v.severity === 'critical') console.error(`  ${v.severity}: ${name} (${v.range})`);
  process.exit(1);
}
