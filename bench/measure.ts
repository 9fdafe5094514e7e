import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A command to run as a child process. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** What one run of a command cost. */
export interface Measurement {
  /** Wall time from spawn to exit, milliseconds. */
  readonly ms: number;
  /** Highest sum of VmRSS over the process and all its descendants (Chromium included), bytes. */
  readonly peakRssBytes: number;
  /**
   * Highest sum of PSS (proportional set size) over the same processes, bytes: pages shared
   * between processes are divided among them instead of counted in each, so this is the tree's
   * real footprint, where the RSS sum overstates it. Read when the RSS sum reaches a new high,
   * at most every `pssEveryMs` unless RSS grew by a tenth: it can miss the exact peak by a little.
   */
  readonly peakPssBytes: number;
  /** Most processes alive in the tree at one sample. */
  readonly peakProcesses: number;
  /** Whether a Chromium process was ever seen in the tree. */
  readonly sawBrowser: boolean;
  /** Samples taken (one every `sampleEveryMs`). */
  readonly samples: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How often the process tree's memory is sampled. */
export const sampleEveryMs = 50;

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
}

/** /proc/<pid>/stat: `pid (comm) state ppid …`; comm may contain spaces and parentheses. */
function parseStat(text: string): ProcessInfo | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = text.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? { pid: Number(text.slice(0, open).trim()), ppid, name: text.slice(open + 1, close) } : undefined;
}

// The sampler reads /proc synchronously: a few hundred small reads take about a millisecond,
// where the same reads through promises cost several times more CPU, taken from the 2 cores
// the measured process needs.
function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      const stat = readProc(`/proc/${pid}/stat`);
      const info = stat === undefined ? undefined : parseStat(stat);
      return info ? [info] : [];
    });
}

/** The process `root` and every process descended from it. */
export function processTree(root: number): ProcessInfo[] {
  const processes = allProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const self = processes.find((info) => info.pid === root);
  const tree: ProcessInfo[] = self ? [self] : [];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]!.pid) ?? []));
  return tree;
}

/** A `Name:   1234 kB` line of a /proc file, in bytes (0 when the process is gone). */
function kilobytes(file: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readProc(file) ?? '');
  return match ? Number(match[1]) * 1024 : 0;
}

const total = (sizes: number[]) => sizes.reduce((sum, size) => sum + size, 0);

/** One sample of a process tree: total RSS, the pids, whether Chromium is among them. */
export function sampleTree(root: number): { rss: number; pids: number[]; browser: boolean } {
  const tree = processTree(root);
  return {
    rss: total(tree.map((info) => kilobytes(`/proc/${info.pid}/status`, 'VmRSS'))),
    pids: tree.map((info) => info.pid),
    browser: tree.some((info) => /chrom/i.test(info.name)),
  };
}

/**
 * Total PSS of these processes. Reading smaps_rollup walks each process's page tables (a few
 * milliseconds for a Chromium process), so it is read only near the RSS peak (see `measure`).
 */
export function pssOf(pids: readonly number[]): number {
  return total(pids.map((pid) => kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss')));
}

/** PSS is read at most this often when the RSS sum reaches a new high (more often if it jumps). */
export const pssEveryMs = 500;

/**
 * Run `command` to completion, timing it and sampling the memory of its whole process tree
 * (the process and all descendants: Node and every Chromium process, or pandoc and weasyprint)
 * every `sampleEveryMs`.
 */
export function measure(command: Command): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command.file, [...command.args], { cwd: command.cwd, env: command.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const peak = { rss: 0, pss: 0, processes: 0, browser: false, samples: 0 };
    const lastPss = { at: Number.NEGATIVE_INFINITY, rss: 0 };
    const sample = () => {
      if (child.pid === undefined) return;
      const now = sampleTree(child.pid);
      if (now.pids.length === 0) return;
      peak.samples++;
      peak.processes = Math.max(peak.processes, now.pids.length);
      peak.browser ||= now.browser;
      if (now.rss < peak.rss) return;
      peak.rss = now.rss;
      // Read PSS at a new RSS high: at most every pssEveryMs, unless RSS grew by a tenth since.
      const at = performance.now();
      if (at - lastPss.at >= pssEveryMs || now.rss > lastPss.rss * 1.1) {
        lastPss.at = at;
        lastPss.rss = now.rss;
        peak.pss = Math.max(peak.pss, pssOf(now.pids));
      }
    };
    sample();
    const timer = setInterval(sample, sampleEveryMs);
    let ms = 0;
    let exitCode: number | null = null;
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      ms = performance.now() - started;
      exitCode = code;
      clearInterval(timer);
    });
    child.on('close', () => {
      resolve({
        ms,
        peakRssBytes: peak.rss,
        peakPssBytes: peak.pss,
        peakProcesses: peak.processes,
        sawBrowser: peak.browser,
        samples: peak.samples,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Run and measure; a non-zero exit is an error that shows the end of the command's output. */
export async function measureOk(command: Command, what: string): Promise<Measurement> {
  const result = await measure(command);
  if (result.exitCode !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${what} failed (exit ${result.exitCode}): ${command.file} ${command.args.join(' ')}\n${tail}`);
  }
  return result;
}
