import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionDate, resolveConfig, UsageError, type ConfigInput } from '../../../src/config/index.js';

const root = path.join(path.sep, 'tmp', 'briefs-project');
const epoch = { SOURCE_DATE_EPOCH: '1700000000' }; // 2023-11-14T22:13:20Z

describe('resolveConfig', () => {
  it('should resolve every path against the root', () => {
    const config = resolveConfig({ root }, epoch);
    expect(config.root).toBe(root);
    expect(config.sources).toBe(path.join(root, 'sources'));
    expect(config.templates).toBe(path.join(root, 'templates'));
    expect(config.out).toBe(path.join(root, 'output'));
    expect(config.factsPath).toBe(path.join(root, 'sources', 'facts.yaml'));
  });

  it('should resolve custom folders against the root and keep absolute ones', () => {
    const out = path.join(path.sep, 'elsewhere', 'out');
    const config = resolveConfig({ root, sources: 'data/in', templates: '../shared/templates', out }, epoch);
    expect(config.sources).toBe(path.join(root, 'data', 'in'));
    expect(config.factsPath).toBe(path.join(root, 'data', 'in', 'facts.yaml'));
    expect(config.templates).toBe(path.join(path.dirname(root), 'shared', 'templates'));
    expect(config.out).toBe(out);
  });

  it('should resolve a relative root against the current directory', () => {
    expect(resolveConfig({ root: 'some/dir' }, epoch).root).toBe(path.resolve('some/dir'));
  });

  it('should take the edition date from SOURCE_DATE_EPOCH in the given environment', () => {
    expect(resolveConfig({ root }, epoch).edition).toBe('2023-11-14');
    expect(resolveConfig({ root }, { SOURCE_DATE_EPOCH: '0' }).edition).toBe('1970-01-01');
  });

  it('should prefer an edition given as an option', () => {
    expect(resolveConfig({ root, edition: '2026-11-23' }, epoch).edition).toBe('2026-11-23');
  });

  it('should fill the defaults', () => {
    const config = resolveConfig({ root }, epoch);
    expect(config).toMatchObject({
      briefs: [],
      formats: ['html', 'pdf'],
      paper: 'a4',
      evidence: 'annex',
      citationStyle: 'chicago-fullnote-bibliography',
      locale: 'en-US',
    });
    expect(config.concurrency).toBeGreaterThanOrEqual(1);
  });

  it('should accept letter paper and drop repeated formats', () => {
    const config = resolveConfig({ root, paper: 'letter', formats: ['pdf', 'html', 'pdf'] }, epoch);
    expect(config.paper).toBe('letter');
    expect(config.formats).toEqual(['pdf', 'html']);
  });

  it('should reject an unknown paper size', () => {
    const input = { root, paper: 'a3' } as unknown as ConfigInput;
    expect(() => resolveConfig(input, epoch)).toThrow(UsageError);
    expect(() => resolveConfig(input, epoch)).toThrow(/paper/);
  });

  it('should take where the passages behind the notes go, and reject another place', () => {
    expect(resolveConfig({ root, evidence: 'notes' }, epoch).evidence).toBe('notes');
    expect(resolveConfig({ root, evidence: 'none' }, epoch).evidence).toBe('none');
    const input = { root, evidence: 'footnotes' } as unknown as ConfigInput;
    expect(() => resolveConfig(input, epoch)).toThrow(UsageError);
    expect(() => resolveConfig(input, epoch)).toThrow(/evidence/);
  });

  it('should reject an unknown option', () => {
    const input = { root, papre: 'a4' } as unknown as ConfigInput;
    expect(() => resolveConfig(input, epoch)).toThrow(UsageError);
    expect(() => resolveConfig(input, epoch)).toThrow(/papre/);
  });

  it('should reject an empty list of formats and a malformed edition', () => {
    expect(() => resolveConfig({ root, formats: [] }, epoch)).toThrow(UsageError);
    expect(() => resolveConfig({ root, edition: '23/11/2026' }, epoch)).toThrow(/YYYY-MM-DD/);
  });

  it('should return a frozen config and leave the input alone', () => {
    const input: ConfigInput = Object.freeze({ root, briefs: ['a', 'a'], formats: ['html' as const] });
    const config = resolveConfig(input, epoch);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.briefs)).toBe(true);
    expect(Object.isFrozen(config.formats)).toBe(true);
    expect(input).toEqual({ root, briefs: ['a', 'a'], formats: ['html'] });
  });
});

describe('editionDate', () => {
  it('should use the current date in UTC without SOURCE_DATE_EPOCH', () => {
    expect(editionDate({}, new Date('2020-02-29T23:59:59Z'))).toBe('2020-02-29');
    expect(editionDate({ SOURCE_DATE_EPOCH: '' }, new Date('2020-03-01T00:00:00Z'))).toBe('2020-03-01');
  });

  it('should use SOURCE_DATE_EPOCH seconds when set', () => {
    expect(editionDate({ SOURCE_DATE_EPOCH: '1309132800' }, new Date('2020-01-01T00:00:00Z'))).toBe('2011-06-27');
  });

  it('should reject a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    expect(() => editionDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(UsageError);
    expect(() => editionDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH must be a number of seconds/);
  });
});
