// The site stage: static pages around the briefs (the source viewer and the index). Pure
// functions from data to HTML; the build decides where they are written.
export { pageAnchor, paragraphAnchor, passageAnchor, passageHref, sourcePagePath, sourcesFolder } from './anchors.js';
export { renderSourcePage } from './source-page.js';
export type { Highlight, SourcePageInput, SourceUser } from './source-page.js';
export { renderIndexPage } from './index-page.js';
export type { IndexBrief, IndexPageInput, IndexSource } from './index-page.js';
export { extractKeyPoints } from './key-points.js';
