// Regenerates the diagnostics table in README.md from src/diagnostics/codes.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { updateReadme } from '../src/diagnostics/index.js';

const file = new URL('../README.md', import.meta.url);
await writeFile(file, updateReadme(await readFile(file, 'utf8')));
