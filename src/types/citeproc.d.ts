// Minimal types for the parts of citeproc-js (package `citeproc`) this project uses.
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): string | object;
    retrieveItem(id: string): unknown;
  }
  export interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
  }
  export interface Citation {
    citationID?: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  export type CitationResult = [
    { bibchange: boolean; citation_errors: unknown[] },
    Array<[number, string, string]>,
  ];
  /** A style parsed once by `CSL.parseXml`, to build engines without parsing again. */
  export type ParsedStyle = object;
  export class Engine {
    constructor(sys: CiteprocSys, style: string | ParsedStyle, lang?: string, forceLang?: boolean);
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    processCitationCluster(
      citation: Citation,
      citationsPre: Array<[string, number]>,
      citationsPost: Array<[string, number]>,
    ): CitationResult;
    rebuildProcessorState(citations: Citation[], mode?: 'html' | 'text' | 'rtf', uncitedItemIds?: string[]): Array<[string, number, string]>;
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
    /** With no citations: back to an empty state (registry, disambiguation, scratch data). */
    restoreProcessorState(citations?: Citation[]): unknown;
  }
  const CSL: { Engine: typeof Engine; parseXml: (xml: string) => ParsedStyle };
  export default CSL;
}
