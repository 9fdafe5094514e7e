import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a benchmark ran on. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramBytes: number;
  readonly os: string;
  readonly node: string;
  readonly chromium: string | undefined;
  /** When the benchmark started (ISO). */
  readonly date: string;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux, or no os-release: fall through
  }
  return `${os.type()} ${os.release()}`;
}

/** Describe this machine; `browser` is the Chromium the builds use. */
export function describeMachine(browser: string | undefined, date: Date): Machine {
  const version = browser ? spawnSync(browser, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramBytes: os.totalmem(),
    os: osName(),
    node: process.version,
    chromium: version || undefined,
    date: date.toISOString(),
  };
}

/** One line for people: "Intel Xeon …, 2 cores, 24 GB RAM, Debian 12, Node v20.20.2, Chromium 150…". */
export function machineLine(machine: Machine): string {
  const ram = `${Math.round(machine.ramBytes / 1024 ** 3)} GB RAM`;
  return [machine.cpu, `${machine.cores} cores`, ram, machine.os, `Node ${machine.node}`, machine.chromium ?? 'no Chromium'].join(', ');
}
