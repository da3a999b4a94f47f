/// <reference types="mocha" />
// define(): a second copy of a widget on the page is a no-op; a different version says so, once.
import { expect } from '@open-wc/testing';
import { WblElement } from '../../components/base/element.js';
import { WblSite } from '../../components/base/site.js';

describe('define()', () => {
  let warnings: unknown[][] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args);
    };
  });
  afterEach(() => {
    console.warn = original;
  });

  const copy = (version: string) =>
    class extends WblElement {
      static override version = version;
    };

  it('stays silent when the same version is loaded twice', () => {
    copy('1.2.0').define('wbl-test-same');
    copy('1.2.0').define('wbl-test-same');
    expect(warnings).to.have.length(0);
  });

  it('warns once when a second, different version of a widget is loaded', () => {
    const First = copy('1.2.0');
    First.define('wbl-test-other');
    const Second = copy('1.3.0');
    Second.define('wbl-test-other');
    Second.define('wbl-test-other');
    copy('1.3.0').define('wbl-test-other');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('<wbl-test-other>').and.contain('1.2.0').and.contain('1.3.0');
    // The first registration stays.
    expect(customElements.get('wbl-test-other')).to.equal(First);
  });

  it('warns for <wbl-site> too, and records the version on the class', () => {
    expect(WblSite.version).to.be.a('string');
    WblSite.define('wbl-test-site');
    (class extends WblSite {
      static override version = 'other';
    }).define('wbl-test-site');
    expect(warnings).to.have.length(1);
  });
});
