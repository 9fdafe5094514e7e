import puppeteer from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { chromiumCommand, launchArgs } from '../../../src/render/pdf/chromium-command.js';

describe('chromiumCommand', () => {
  it("should be the command line puppeteer.launch would give Chromium, with the pipeline's flags and the DevTools pipe", () => {
    // (defaultArgs takes the --disable-features out of the list it is given: a copy.)
    const puppeteers = [...puppeteer.defaultArgs({ headless: true, userDataDir: '/tmp/profile', args: [...launchArgs] }), '--remote-debugging-pipe'];
    expect(chromiumCommand('/tmp/profile')).toEqual(puppeteers);
  });

  it('should turn the address-bar popups off in the one --disable-features list Chromium reads', () => {
    const lists = chromiumCommand('/tmp/profile').filter((arg) => arg.startsWith('--disable-features='));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.split('=')[1]!.split(',')).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'Translate']));
  });
});
