// Preloaded into a benchmarked process (node --import): on exit it writes the process's peak RSS (KiB)
// to $BENCH_RSS_FILE, so the benchmark needs no /usr/bin/time.
import fs from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
