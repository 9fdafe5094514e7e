// Minimal types for html-encoding-sniffer 6 (jsdom's, CommonJS): @types/html-encoding-sniffer
// describes v3, which returned other names.
declare module 'html-encoding-sniffer' {
  /**
   * The WHATWG encoding sniffing algorithm: BOM, transport label, `<meta>` prescan of the first
   * 1024 bytes, else `defaultEncoding`. Returns a canonical encoding name ("windows-1252").
   */
  function htmlEncodingSniffer(bytes: Uint8Array, options?: htmlEncodingSniffer.Options): string;
  namespace htmlEncodingSniffer {
    interface Options {
      /** Sniff as XML (BOM only) instead of HTML. */
      readonly xml?: boolean;
      /** A label from the transport layer (an HTTP Content-Type header): wins over all but a BOM. */
      readonly transportLayerEncodingLabel?: string;
      /** The encoding name returned when nothing is declared (windows-1252 for HTML by default). */
      readonly defaultEncoding?: string;
    }
  }
  export = htmlEncodingSniffer;
}
