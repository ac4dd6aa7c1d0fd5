import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageSwitchHref, layout } from './layout.js';
import { html } from './html.js';

describe('page layout', () => {
  it('links the other language on the same page, keeping the query string', () => {
    assert.equal(languageSwitchHref('/card?id=ABC123456', 'en'), '/card?id=ABC123456&lang=en');
    assert.equal(languageSwitchHref('/services/1?day=2026-12-03&lang=en', 'ja'), '/services/1?day=2026-12-03&lang=ja');
    assert.equal(languageSwitchHref('/', 'en'), '/?lang=en');
    assert.equal(languageSwitchHref(undefined, 'en'), '/?lang=en');
  });

  it('never links off the site from the language switch', () => {
    assert.equal(languageSwitchHref('//evil.example/x?a=1', 'en'), '/?a=1&lang=en');
    assert.equal(languageSwitchHref('/\\evil.example', 'en'), '/?lang=en');
  });

  it('renders the switch with the query kept and escaped', () => {
    const page = layout({ lang: 'ja', title: 't', main: html`<p>x</p>`, path: '/card?id=A"B&x=1' }).toString();
    assert.match(page, /class="lang-switch" href="\/card\?id=A%22B&amp;x=1&amp;lang=en"/);
  });
});
