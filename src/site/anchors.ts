// The viewer's addresses are part of a source's identity (notes link to them from the
// markdown stage), so they live in ingest/anchors.ts; re-exported here for the site stage.
export { pageAnchor, paragraphAnchor, passageAnchor, passageHref, sourcePagePath, sourcesFolder } from '../ingest/index.js';
