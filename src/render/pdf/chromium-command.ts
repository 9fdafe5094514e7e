// Chromium's command line, without puppeteer: the browser starts while puppeteer (the largest
// module of the print step) is still loading. The defaults are those puppeteer.launch passes
// for a headless browser (ChromeLauncher.defaultArgs); tests/unit/render/chromium-command.test.ts
// compares them with puppeteer's own, so an upgrade that changes them fails there, not here.

// Flags for a closed network: without them Chromium keeps trying to reach Google's services.
export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
  // Pages print side by side: keep Chromium from slowing the timers of those not in front.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  // Chromium 156 opens an address-bar popup (two WebUI pages, each in a renderer of its own) for
  // every window, headless ones included, and keeps each busy at about a fifth of a core: on two
  // cores that slowed every print by a third. Merged into the --disable-features list below
  // (one flag each: the bench passes them to a CLI that splits at commas).
  '--disable-features=WebUIOmniboxPopup',
  '--disable-features=WebUIOmniboxAimPopup',
];

/** puppeteer 24's flags for headless Chromium, in its order: those before the feature lists. */
const puppeteerFlags = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];

/** The features puppeteer turns off and on; a caller's --disable-features are added to the first. */
const puppeteerDisabled = ['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes'];
const puppeteerEnabled = ['PdfOopif'];

/** What puppeteer puts after the profile for a headless browser. */
const puppeteerHeadless = ['--headless=new', '--hide-scrollbars', '--mute-audio', '--disable-extensions', 'about:blank'];

const disableFeatures = '--disable-features=';

/**
 * The arguments Chromium starts with: puppeteer's for a headless browser with its profile in
 * `userDataDir`, the pipeline's (`launchArgs`, their --disable-features merged into
 * puppeteer's list, as puppeteer does), and the DevTools pipe.
 */
export function chromiumCommand(userDataDir: string): string[] {
  const disabled = launchArgs.filter((arg) => arg.startsWith(disableFeatures)).flatMap((arg) => arg.slice(disableFeatures.length).split(','));
  return [
    ...puppeteerFlags,
    `${disableFeatures}${[...puppeteerDisabled, ...disabled].filter((feature) => feature !== '').join(',')}`,
    `--enable-features=${puppeteerEnabled.join(',')}`,
    `--user-data-dir=${userDataDir}`,
    ...puppeteerHeadless,
    ...launchArgs.filter((arg) => !arg.startsWith(disableFeatures)),
    '--remote-debugging-pipe',
  ];
}
