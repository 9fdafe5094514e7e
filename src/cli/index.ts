export { main } from './main.js';
export type { Io } from './main.js';
export { parseCommand, usage } from './args.js';
export type { Command, CommandName } from './args.js';
