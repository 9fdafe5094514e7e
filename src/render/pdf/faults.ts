// No puppeteer here: the print queue loads this module to tell a browser that did not start from
// a brief that did not print, and a build with nothing to print never loads puppeteer.

/**
 * The browser did not start: it could not be run, exited, wrote something other than DevTools
 * protocol on its pipe, or did not answer in time. `detail` says which, in one line.
 */
export class BrowserStartError extends Error {
  override readonly name = 'BrowserStartError';

  /** @param executablePath The browser that was started. @param detail What went wrong. */
  constructor(
    readonly executablePath: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`the browser did not start: ${detail}`, options);
  }
}

/**
 * `work`, or a rejection with `message` if it has not settled after `ms`. The timer never keeps
 * the process alive beyond the race; `work` itself is not stopped, only no longer waited for.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Text a process printed, or sent where protocol was expected, made fit for a one-line message:
 * control characters as spaces, runs of blanks as one, at most `max` characters, quoted.
 */
export function quoteOutput(text: string, max = 120): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
