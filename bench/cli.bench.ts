/**
 * `npm run bench:cli`: cold-start times of the built command line (`node bin/mmgym.js ...`, run
 * `npm run build` first): `--help` and `--version` load no command; a command's `--help` loads
 * that command and what it imports (tfjs for train, mathjs for optimum). Median and range of
 * `--runs` runs each (default 5), with the load average. Asserts nothing.
 *   npm run bench:cli -- [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const runs = Number(arg('runs', '5'));
const cases: string[][] = [['--help'], ['--version'], ['optimum', '--help'], ['eval', '--help'], ['train', '--help']];
console.log(`bench:cli: node bin/mmgym.js, ${runs} runs each; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  ${'command'.padEnd(26)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}`);
for (const c of cases) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ['bin/mmgym.js', ...c], { stdio: 'ignore' });
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const f = (x: number): string => `${x.toFixed(2)} s`;
  console.log(`  ${`mmgym ${c.join(' ')}`.padEnd(26)}${f(times[Math.floor(times.length / 2)]!).padStart(10)}${f(times[0]!).padStart(10)}${f(times[times.length - 1]!).padStart(10)}`);
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
