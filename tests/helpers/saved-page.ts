/**
 * A saved web page around a document's text, as a browser's "Save page as…" leaves it:
 * doctype, head with scripts and styles, a site header and menu, a cookie banner, a sidebar,
 * the article (title, a metadata table, paragraphs) and a footer. The article's paragraphs are
 * the text's blocks, unchanged apart from HTML escaping, so every quote of the text is in it.
 */
export function savedPage(title: string, paragraphs: readonly string[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const menu = ['Home', 'Countries', 'Categories', 'Publishers', 'Document types', 'Advanced search']
    .map((item) => `<li><a href="/${item.toLowerCase().replace(/\s+/g, '-')}">${item}</a></li>`)
    .join('\n        ');
  const related = ['2010 Trafficking in Persons Report - Kosovo', '2012 Trafficking in Persons Report - Kosovo', 'Freedom in the World 2011 - Kosovo']
    .map((item) => `<li><a href="/docid/${item.length}">${escape(item)}</a></li>`)
    .join('\n          ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Refworld | ${escape(title)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/css/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
  <style>.cookie-banner { position: fixed; bottom: 0; }</style>
</head>
<body>
  <div class="cookie-banner" role="dialog">This site uses cookies to improve your experience. <button>Accept all cookies</button> <a href="/privacy">Privacy policy</a></div>
  <header class="site-header">
    <a class="skip-link" href="#content">Skip to main content</a>
    <div class="logo"><a href="/">Refworld</a> | UNHCR's global law and policy database</div>
    <form class="search" action="/search"><label>Search Refworld <input name="q"></label><button>Search</button></form>
    <nav class="main-menu" aria-label="Main">
      <ul>
        ${menu}
      </ul>
    </nav>
  </header>
  <div class="layout">
    <main id="content">
      <article class="document">
        <h1>${escape(title)}</h1>
        <table class="document-meta">
          <tr><th>Publisher</th><td>United States Department of State</td></tr>
          <tr><th>Publication Date</th><td>27 June 2011</td></tr>
        </table>
        <div class="document-text">
${paragraphs.map((paragraph) => `          <p>${escape(paragraph)}</p>`).join('\n')}
        </div>
      </article>
    </main>
    <aside class="sidebar">
      <h2>Related documents</h2>
      <ul>
          ${related}
      </ul>
      <h2>Share this page</h2>
      <ul><li><a href="https://twitter.com/share">Twitter</a></li><li><a href="https://facebook.com/share">Facebook</a></li></ul>
    </aside>
  </div>
  <footer class="site-footer">
    <p>Disclaimer: This is not a UNHCR publication. UNHCR is not responsible for, nor does it necessarily endorse, its content.</p>
    <ul><li><a href="/about">About Refworld</a></li><li><a href="/contact">Contact</a></li><li><a href="/terms">Terms of use</a></li></ul>
    <p>© UNHCR 2018</p>
  </footer>
  <script src="/js/analytics.js"></script>
</body>
</html>
`;
}
