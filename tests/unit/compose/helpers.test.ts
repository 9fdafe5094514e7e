import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, loadTemplates } from '../../../src/compose/index.js';
import { makeProject, repoRoot } from '../../helpers/project.js';

describe('formatIsoDate', () => {
  it('should write a full date as day, month name and year', () => {
    expect(formatIsoDate('2011-06-27')).toBe('27 June 2011');
  });

  it('should write a month as month name and year', () => {
    expect(formatIsoDate('2010-09')).toBe('September 2010');
  });

  it('should write a year as the year', () => {
    expect(formatIsoDate('2016')).toBe('2016');
  });

  it('should drop a leading zero from the day', () => {
    expect(formatIsoDate('2018-10-08')).toBe('8 October 2018');
  });
});

describe('loadTemplates', () => {
  it('should read briefs, partials, layouts and styles by name', async () => {
    const project = await makeProject();
    const templates = await loadTemplates(project.path('templates'));
    await project.remove();
    expect([...templates.briefs.keys()]).toEqual(['legal-framework', 'tip-assessment', 'unmik-era']);
    expect([...templates.partials.keys()].sort()).toEqual(['dated-list', 'fact-list', 'tip-report']);
    // Layouts and styles are being added by the rendering work: check the ones briefs need.
    expect([...templates.layouts.keys()]).toContain('brief');
    expect([...templates.styles.keys()]).toContain('brief');
    const brief = templates.briefs.get('legal-framework');
    expect(brief?.path).toBe(project.path('templates', 'briefs', 'legal-framework.md.hbs'));
    expect(brief?.source).toMatch(/^---\ntitle: Legal framework\n/);
    expect(brief?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should give empty sets for a folder without templates', async () => {
    const templates = await loadTemplates(path.join(repoRoot, 'no-such-folder'));
    expect(templates.briefs.size + templates.partials.size + templates.layouts.size + templates.styles.size).toBe(0);
  });
});
