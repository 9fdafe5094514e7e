/** A misuse of the API or CLI (bad option), as opposed to bad content. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
