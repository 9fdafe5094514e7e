import type { VFile } from 'vfile';
import { codes, reportError } from '../diagnostics/index.js';
import type { Fact } from './load-facts.js';
import type { MetricInfo } from './metrics.js';

/**
 * Give each figure what its metric is called and counted in, from the collection's
 * `metrics:` (briefs.yaml). A figure whose metric the collection does not declare is an error
 * at the figure, with the nearest declared name. Returns the facts with `figure.about` set.
 */
export function attachMetrics(facts: ReadonlyMap<string, Fact>, metrics: ReadonlyMap<string, MetricInfo>, factsFile: VFile): Map<string, Fact> {
  const known = [...metrics.keys()];
  const attached = new Map<string, Fact>();
  for (const [id, fact] of facts) {
    const figure = fact.figure;
    if (!figure) {
      attached.set(id, fact);
      continue;
    }
    const about = metrics.get(figure.metric);
    if (!about) {
      reportError(factsFile, codes.unknownMetric, [fact.id, figure.metric, known], { place: fact.figurePlace ?? fact.place, stage: 'facts' });
      attached.set(id, fact);
      continue;
    }
    attached.set(id, { ...fact, figure: { ...figure, about } });
  }
  return attached;
}
