// Minimal types for the parts of citeproc-js (package `citeproc`) this project uses.
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): string;
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
  export class Engine {
    constructor(sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean);
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    processCitationCluster(
      citation: Citation,
      citationsPre: Array<[string, number]>,
      citationsPost: Array<[string, number]>,
    ): CitationResult;
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
