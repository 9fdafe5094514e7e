import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinTemplatesDir, listTemplates, locateTemplate, resolveTemplate } from '../../../src/config/index.js';
import { repoRoot } from '../../helpers/project.js';

describe('template folders: the collection’s files over the built-in ones', () => {
  let dir: string;
  /** A collection's templates folder and a stand-in for the tool's defaults/templates. */
  let own: string;
  let shipped: string;
  const put = async (root: string, relative: string, text = '') => {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefs-template-folders-'));
    own = path.join(dir, 'templates');
    shipped = path.join(dir, 'defaults');
    await put(shipped, 'layouts/brief.html.hbs');
    await put(shipped, 'layouts/index.html.hbs');
    await put(shipped, 'styles/brief.css');
    await put(shipped, 'styles/print.css');
    await put(shipped, 'styles/README.md');
    await put(own, 'briefs/main.md.hbs');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should take the collection’s file when it has one, else the built-in one', async () => {
    await put(own, 'layouts/brief.html.hbs');
    expect(await resolveTemplate({ templates: own }, 'layouts/brief.html.hbs', shipped)).toBe(path.join(own, 'layouts', 'brief.html.hbs'));
    expect(await resolveTemplate({ templates: own }, 'layouts/index.html.hbs', shipped)).toBe(path.join(shipped, 'layouts', 'index.html.hbs'));
    expect(await locateTemplate({ templates: own }, 'layouts/index.html.hbs', shipped)).toEqual({ path: path.join(shipped, 'layouts', 'index.html.hbs'), builtIn: true, exists: true });
  });

  it('should name the collection’s path for a file neither has', async () => {
    expect(await locateTemplate({ templates: own }, 'csl/missing.csl', shipped)).toEqual({ path: path.join(own, 'csl', 'missing.csl'), builtIn: false, exists: false });
    expect(await resolveTemplate({ templates: own }, 'csl/missing.csl', shipped)).toBe(path.join(own, 'csl', 'missing.csl'));
  });

  it('should not take a folder of the collection for a file', async () => {
    await mkdir(path.join(own, 'layouts', 'brief.html.hbs'), { recursive: true });
    expect(await resolveTemplate({ templates: own }, 'layouts/brief.html.hbs', shipped)).toBe(path.join(shipped, 'layouts', 'brief.html.hbs'));
  });

  it('should list the union of both folders by file name, the collection’s file winning', async () => {
    await put(own, 'styles/brief.css', '/* the collection’s */');
    await put(own, 'styles/extra.css');
    await mkdir(path.join(own, 'styles', 'nested.css'));
    const styles = await listTemplates({ templates: own }, 'styles', '.css', shipped);
    expect([...styles]).toEqual([
      ['brief.css', { path: path.join(own, 'styles', 'brief.css'), builtIn: false }],
      ['extra.css', { path: path.join(own, 'styles', 'extra.css'), builtIn: false }],
      ['print.css', { path: path.join(shipped, 'styles', 'print.css'), builtIn: true }],
    ]);
  });

  it('should list a folder only the collection has, or only the tool has', async () => {
    expect([...(await listTemplates({ templates: own }, 'briefs', '.md.hbs', shipped)).keys()]).toEqual(['main.md.hbs']);
    expect([...(await listTemplates({ templates: own }, 'layouts', '', shipped)).keys()]).toEqual(['brief.html.hbs', 'index.html.hbs']);
    expect((await listTemplates({ templates: own }, 'partials', '.md.hbs', shipped)).size).toBe(0);
  });

  it('should ship the layouts, styles, partials and citation style with the tool', async () => {
    expect(builtinTemplatesDir).toBe(path.join(repoRoot, 'defaults', 'templates'));
    const empty = { templates: path.join(dir, 'nothing') };
    expect([...(await listTemplates(empty, 'layouts', '.html.hbs')).keys()]).toEqual(['brief.html.hbs', 'index.html.hbs', 'pack.html.hbs', 'source.html.hbs']);
    expect([...(await listTemplates(empty, 'styles', '.css')).keys()]).toEqual(['brief.css', 'print.css', 'screen.css']);
    expect([...(await listTemplates(empty, 'partials', '.md.hbs')).keys()]).toEqual(['dated-list.md.hbs', 'fact-list.md.hbs', 'tip-report.md.hbs']);
    expect(await resolveTemplate(empty, 'csl/chicago-fullnote-bibliography.csl')).toBe(path.join(repoRoot, 'defaults', 'templates', 'csl', 'chicago-fullnote-bibliography.csl'));
  });
});
