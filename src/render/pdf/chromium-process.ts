import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';
import { quoteOutput, withDeadline } from './faults.js';

/** How much of what the browser prints is kept, to quote when it exits. */
const outputTailChars = 4096;

/**
 * The longest message taken from the pipe. The largest real one is a printed PDF (base64, in
 * one response); past this, the browser is writing without ever ending a message.
 */
const maxMessageBytes = 256 * 1024 * 1024;

/** How long `kill()` waits for the process to be gone (a process stuck in the kernel may linger). */
const killWaitMs = 5_000;

/** A Chromium process with its DevTools pipe (it reads fd 3 and writes fd 4). */
export interface ChromiumProcess {
  /** The pipe, for `puppeteer.connect({ transport })`. */
  readonly transport: ConnectionTransport;
  /**
   * Why the browser is lost, once it is: "exited with code 3 after printing …", "was killed by
   * SIGKILL", "sent
   * … on its DevTools pipe, which is not DevTools protocol" (to follow "the browser" or "it").
   * Undefined while it runs, and after `kill()` alone.
   */
  readonly fault: () => string | undefined;
  /** Resolves once the process has exited (or could not be started); never rejects. */
  readonly exited: Promise<void>;
  /**
   * Kill the process and every process it started (its process group) and close the pipe, so
   * that every protocol call still waiting fails at once. Resolves once it has exited, or
   * after a few seconds if it does not.
   */
  readonly kill: () => Promise<void>;
}

/**
 * Start Chromium with its DevTools pipe. The process leads a process group of its own, so
 * `kill()` ends its helpers (renderers, GPU, zygotes) with it, and so does the exit of this
 * process. Nothing the browser sends can throw in this process: what is not DevTools protocol,
 * or what puppeteer cannot handle, is a fault that ends the browser (`fault()` says why).
 */
export function startChromium(executablePath: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChromiumProcess {
  const child = spawn(executablePath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
  const pipeWrite = child.stdio[3] as Writable;
  const pipeRead = child.stdio[4] as Readable;
  let fault: string | undefined;
  let killing = false;
  let ended = false;
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-outputTailChars);
  };
  // Read both, or a browser that prints much would block on a full pipe.
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);

  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already; the process itself may not have been a group leader.
      child.kill('SIGKILL');
    }
  };
  // Should this process exit without closing the browser (an uncaught error), a browser that
  // hangs would not notice its pipe closing: kill it on the way out.
  process.on('exit', killGroup);

  // The browser starts before puppeteer has loaded (spawn-browser.ts): what it sends, and the
  // pipe's end, wait for the connection, then reach it in order.
  let onmessage: ConnectionTransport['onmessage'];
  let onclose: ConnectionTransport['onclose'];
  let early: string[] = [];
  let closeDue = false;
  const transport: ConnectionTransport = {
    send: (message) => {
      if (ended) return;
      pipeWrite.write(message);
      pipeWrite.write('\0');
    },
    close: () => end(),
    get onmessage() {
      return onmessage;
    },
    set onmessage(handler) {
      onmessage = handler;
      if (!handler) return;
      const waiting = early;
      early = [];
      for (const message of waiting) setImmediate(() => deliver(message));
    },
    get onclose() {
      return onclose;
    },
    set onclose(handler) {
      onclose = handler;
      if (handler && closeDue) setImmediate(() => onclose?.());
    },
  };
  // After the messages already read (each is delivered on its own turn, as puppeteer's pipe
  // does), tell the connection the pipe is closed: it fails every call still waiting.
  const end = () => {
    if (ended) return;
    ended = true;
    pipeRead.removeAllListeners('data');
    setImmediate(() => {
      closeDue = true;
      onclose?.();
    });
  };
  // Once the browser is being killed, nothing more it sent is passed on.
  const brokeProtocol = (message: string) => {
    fault ??= `sent ${quoteOutput(message, 60)} on its DevTools pipe, which is not DevTools protocol`;
    void kill();
  };
  const deliver = (message: string) => {
    if (killing) return;
    if (!onmessage) {
      early.push(message);
      return;
    }
    try {
      // puppeteer's handler is async: a message it cannot parse or handle rejects, which
      // unhandled would end this process with a stack trace.
      const handled: unknown = onmessage(message);
      if (handled instanceof Promise) handled.catch(() => brokeProtocol(message));
    } catch {
      brokeProtocol(message);
    }
  };

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  pipeRead.on('data', (chunk: Buffer) => {
    // Messages end with a NUL byte; a chunk may hold several, or part of one.
    let start = 0;
    for (let nul = chunk.indexOf(0); nul !== -1; nul = chunk.indexOf(0, start)) {
      pending.push(chunk.subarray(start, nul));
      const message = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      setImmediate(() => deliver(message));
      start = nul + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxMessageBytes) brokeProtocol(pending[0]!.subarray(0, 200).toString('utf8'));
    }
  });
  pipeRead.on('close', end);
  // A write or read on a pipe the browser has closed: its exit says what happened.
  pipeRead.on('error', () => undefined);
  pipeWrite.on('error', () => undefined);

  const exited = new Promise<void>((resolve) => {
    const done = () => {
      process.off('exit', killGroup);
      end();
      resolve();
    };
    child.once('exit', (code, signal) => {
      // What it printed last is most likely why it exited.
      const last = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).at(-1);
      if (code !== null) fault ??= `exited with code ${code}${last ? ` after printing ${quoteOutput(last)}` : ''}`;
      else if (!killing) fault ??= `was killed by ${signal ?? 'a signal'}`;
      done();
    });
    // It could not be run at all (spawn fails with no exit), or a later kill failed.
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        fault ??= `could not be run (${error.code ?? error.message})`;
        done();
      }
    });
  });

  const kill = async () => {
    killing = true;
    killGroup();
    end();
    await withDeadline(exited, killWaitMs, 'the browser did not exit').catch(() => undefined);
  };

  return {
    transport,
    fault: () => fault,
    exited,
    kill,
  };
}
