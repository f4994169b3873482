// `npm run bench:export`: the export part of the panel benchmark (issue 21; `bench:panel` measures
// load, sort and refine in the workbench). What the extension host does once the save dialog has
// answered: a log's rows serialised and written to a file in its storage, a megabyte at a time
// (writeEntries, as the panel calls it), in this process, without the workbench, from rows held as
// the panel holds them (their times parsed when paging read them):
// - against a baseline in the same run: the exporter that built the whole file as one string and
//   then wrote it, at a size it still manages (200,000 rows), runs interleaved, both sides' files
//   checksummed and required to be the same bytes;
// - 1,000,000 rows as CSV (target <= 5 s) and as JSON (target <= 8 s), the file checked (a record a
//   row after the header from the log description; an element a row);
// - the peak growth of the heap (target <= 100 MB) and of the resident set over what the process
//   held before (its rows loaded, after a gc), sampled at every write and every 10 ms.
// A time target is judged on the median, the heap target on the largest run. Processor time is
// printed beside each time: on a machine others share, the time taken is not the export's alone.
// The set-up (rows generated from a seed, the header's columns) is verified and printed before any
// figure, and every output file is checked before the figures are printed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOGS } from '../src/activity/logSchema';
import type { ActivityEntry } from '../src/api/models';
import { normalizeSession } from '../src/api/normalize';
import { writeEntries, type ExportFormat } from '../src/panel/exportFile';
import { accountVocabulary, generateActivity } from '../server/generate/generate';
import { todaysCsv, todaysJson } from '../test/unit/search/todaysExporter';
import { interleave, runBenchmark, spread, spreadLine, verifySetup, type Run } from './lib';

const SEED = 7;
const NOW = new Date(Date.UTC(2026, 10, 27));
const BASELINE_ROWS = Number(process.env.BENCH_EXPORT_BASELINE_ROWS ?? 200_000);
const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const BASELINE_RUNS = 5;
const RUNS = 3;
const TARGET_MS: Record<ExportFormat, number> = { csv: 5_000, json: 8_000 };
const TARGET_HEAP_MB = 100;
const MB = 1024 * 1024;

const collect = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

/** What one run measured, beyond its time: the file's digest and shape, and how much memory grew. */
interface Measured extends Run {
  /** Processor time of this process during the run: beside the time taken, on a machine others share. */
  cpuMs: number;
  heapMb: number;
  rssMb: number;
  records: number;
  header: string;
}

/** The digest of a file and its rows: CSV records after the header (quotes respected), JSON array elements. */
async function inspect(file: string, format: ExportFormat): Promise<{ checksum: string; records: number; header: string }> {
  const hash = createHash('sha256');
  let records = 0;
  let quoted = false;
  let header = '';
  let headerDone = false;
  let previous = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 4 * MB }) as AsyncIterable<string>) {
    hash.update(chunk);
    if (format === 'csv') {
      for (let i = 0; i < chunk.length; i++) {
        const code = chunk.charCodeAt(i);
        if (code === 34) {
          quoted = !quoted;
        } else if (code === 10 && !quoted && (i > 0 ? chunk.charCodeAt(i - 1) : previous.charCodeAt(0)) === 13) {
          records++;
        }
      }
      if (!headerDone) {
        header += chunk.slice(0, chunk.indexOf('\r\n') < 0 ? chunk.length : chunk.indexOf('\r\n'));
        headerDone = chunk.includes('\r\n');
      }
      previous = chunk.slice(-1);
    } else {
      // Pretty JSON: every element of the array opens on a line of its own, "  {" (strings hold no
      // raw line breaks, nested objects are indented further).
      const text = previous + chunk;
      for (let at = text.indexOf('\n  {\n'); at >= 0; at = text.indexOf('\n  {\n', at + 1)) {
        records++;
      }
      previous = chunk.slice(-4);
      header = header || text.slice(0, text.indexOf('\n'));
    }
  }
  // CSV: the header is a record too.
  return { checksum: hash.digest('hex').slice(0, 16), records: format === 'csv' ? records - 1 : records, header };
}

/** Runs `work` (which writes `file`), timing it alone and sampling memory during it; then inspects and removes the file. */
async function measure(file: string, format: ExportFormat, work: (sample: () => void) => Promise<unknown>): Promise<Measured> {
  collect();
  collect();
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let rss = base.rss;
  const sample = () => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    await work(sample);
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  const found = await inspect(file, format);
  await fs.rm(file);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...found, heapMb: (heap - base.heapUsed) / MB, rssMb: (rss - base.rss) / MB };
}

/** Today's export: rows serialised and written a megabyte at a time, memory sampled at every write. */
const streamed = (file: string, format: ExportFormat, rows: readonly ActivityEntry[]) => measure(file, format, async (sample) => {
  if (!await writeEntries(file, 'sessions', format, rows, sample, () => false)) {
    throw new Error('The export said it was cancelled; nothing cancels it here.');
  }
});

/** The exporter before: the whole file as one string (its peak sampled once it is built), then written. */
const wholeString = (file: string, format: ExportFormat, rows: readonly ActivityEntry[]) => measure(file, format, async (sample) => {
  const text = format === 'csv' ? todaysCsv(rows) : todaysJson(rows);
  sample();
  await fs.writeFile(file, text);
});

/** The value every run found, or what they found when they differ. */
function same<T extends string | number>(values: readonly T[]): T | string {
  const distinct = [...new Set(values)];
  return distinct.length === 1 ? distinct[0]! : `runs differ: ${distinct.join(' / ')}`;
}

const mbLine = (name: string, values: readonly number[], target?: number) => {
  const { median, min, max } = spread(values);
  return `  ${name.padEnd(40)} median ${median.toFixed(1).padStart(8)} MB   min–max ${min.toFixed(1)}–${max.toFixed(1)} MB   (${values.length} runs)${target === undefined ? '' : `   target <= ${target} MB: ${max <= target ? 'met' : 'NOT met'}`}`;
};

async function main(): Promise<void> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'exavault-bench-export-'));
  try {
    const generatedAt = performance.now();
    const { sessions } = generateActivity({ seed: SEED, sessions: ROWS, webhooks: 0, now: NOW, vocabulary: accountVocabulary(false), accountName: 'bench' });
    const rows = Array.from({ length: sessions.ids.length }, (_, i) => normalizeSession(sessions.entryAt(i)));
    // As the panel holds its rows: paging read every entry's time (to tell whether a page made progress), which parsed it.
    const timed = rows.filter((entry) => entry.created !== undefined).length;
    const baselineRows = rows.slice(0, BASELINE_ROWS);
    const generatedMs = performance.now() - generatedAt;
    const columns = LOGS.sessions.exportFields;
    const fieldsSeen = new Set(rows.slice(0, 10_000).flatMap((entry) => Object.keys(entry.toJSON())).concat('created'));
    console.log(verifySetup([
      { what: `session rows (seed ${SEED}, plain vocabulary)`, claimed: ROWS, found: rows.length },
      { what: 'baseline rows (the first of them)', claimed: BASELINE_ROWS, found: baselineRows.length },
      { what: 'rows with their time read before the export, as the panel\'s paging reads it', claimed: ROWS, found: timed },
      { what: 'CSV columns, from the log description', claimed: 17, found: columns.length },
      { what: 'fields of the first 10,000 rows all among those columns', claimed: true, found: [...fieldsSeen].every((name) => columns.includes(name)) },
      { what: 'garbage collection on call (--expose-gc)', claimed: true, found: typeof (globalThis as { gc?: unknown }).gc === 'function' },
    ]).join('\n'));
    console.log(`  (rows generated and normalised in ${(generatedMs / 1000).toFixed(1)} s, not timed below; heap with them loaded ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB)`);

    const baseline = {} as Record<ExportFormat, Record<'whole' | 'streamed', Measured[]>>;
    for (const format of ['csv', 'json'] as const) {
      const runs = { whole: [] as Measured[], streamed: [] as Measured[] };
      await interleave({
        whole: async () => runs.whole[runs.whole.push(await wholeString(path.join(folder, `whole.${format}`), format, baselineRows)) - 1]!,
        streamed: async () => runs.streamed[runs.streamed.push(await streamed(path.join(folder, `streamed.${format}`), format, baselineRows)) - 1]!,
      }, { runs: BASELINE_RUNS, warmups: 1 });
      // The warm-up's runs come first; interleave compared their checksums too.
      baseline[format] = { whole: runs.whole.slice(1), streamed: runs.streamed.slice(1) };
    }
    const large = {} as Record<ExportFormat, Measured[]>;
    for (const format of ['csv', 'json'] as const) {
      large[format] = [];
      for (let run = 0; run < RUNS; run++) {
        large[format].push(await streamed(path.join(folder, `large.${format}`), format, rows));
      }
    }

    // Every file had a row for each row exported, the CSV its header from the description.
    const groups = (['csv', 'json'] as const).flatMap((format) => [
      { name: `${format.toUpperCase()}, ${BASELINE_ROWS.toLocaleString('en')} rows, whole string`, format, rows: BASELINE_ROWS, runs: baseline[format].whole },
      { name: `${format.toUpperCase()}, ${BASELINE_ROWS.toLocaleString('en')} rows, streamed`, format, rows: BASELINE_ROWS, runs: baseline[format].streamed },
      { name: `${format.toUpperCase()}, ${ROWS.toLocaleString('en')} rows, streamed`, format, rows: ROWS, runs: large[format] },
    ]);
    console.log(verifySetup(groups.flatMap(({ name, format, rows: count, runs }) => [
      { what: `${name}: rows in each file`, claimed: count, found: same(runs.map((run) => run.records)) },
      { what: `${name}: each file starts with`, claimed: format === 'csv' ? columns.join(',') : '[', found: same(runs.map((run) => run.header)) },
      { what: `${name}: every run the same bytes`, claimed: runs[0]!.checksum, found: same(runs.map((run) => run.checksum)) },
    ]), 'Outputs verified:').join('\n'));

    for (const format of ['csv', 'json'] as const) {
      const { whole, streamed: ours } = baseline[format];
      console.log(`\n${format.toUpperCase()}, ${BASELINE_ROWS.toLocaleString('en')} rows: the whole-string exporter (baseline) against the streamed one, interleaved (files identical, sha256 ${ours[0]!.checksum}…)`);
      console.log(spreadLine('time, whole string', whole.map((run) => run.ms)));
      console.log(spreadLine('time, streamed', ours.map((run) => run.ms)));
      console.log(spreadLine('processor time, whole string', whole.map((run) => run.cpuMs)));
      console.log(spreadLine('processor time, streamed', ours.map((run) => run.cpuMs)));
      console.log(mbLine('peak heap growth, whole string', whole.map((run) => run.heapMb)));
      console.log(mbLine('peak heap growth, streamed', ours.map((run) => run.heapMb)));
      console.log(mbLine('peak rss growth, whole string', whole.map((run) => run.rssMb)));
      console.log(mbLine('peak rss growth, streamed', ours.map((run) => run.rssMb)));
    }
    console.log(`\n${ROWS.toLocaleString('en')} rows, streamed:`);
    for (const format of ['csv', 'json'] as const) {
      const times = large[format].map((run) => run.ms);
      console.log(`${spreadLine(`${format.toUpperCase()} time`, times)}   target <= ${TARGET_MS[format]} ms: ${spread(times).median <= TARGET_MS[format] ? 'met' : 'NOT met'}`);
      console.log(spreadLine(`${format.toUpperCase()} processor time`, large[format].map((run) => run.cpuMs)));
      console.log(mbLine(`${format.toUpperCase()} peak heap growth`, large[format].map((run) => run.heapMb), TARGET_HEAP_MB));
      console.log(mbLine(`${format.toUpperCase()} peak rss growth`, large[format].map((run) => run.rssMb)));
    }
    console.log(`\nMachine load (1, 5, 15 min): ${os.loadavg().map((load) => load.toFixed(2)).join(', ')} on ${os.cpus().length} cores.`);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

runBenchmark(main);
