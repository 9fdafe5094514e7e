// Puppeteer's postinstall downloads its own Chrome, which fails on machines without
// internet access. Skip it when a system browser is present (or the user points at one);
// the build finds the browser itself (see src/render/pdf/find-browser.ts).
const fs = require('node:fs');

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

module.exports = {
  skipDownload:
    Boolean(process.env.PUPPETEER_EXECUTABLE_PATH) ||
    systemBrowsers.some((file) => fs.existsSync(file)),
};
