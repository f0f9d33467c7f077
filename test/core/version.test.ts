import { expect } from '@open-wc/testing';
import { VERSION } from '../../src/index.js';

describe('visit-kit entry', () => {
  it('exports its version', () => {
    expect(VERSION).to.match(/^\d+\.\d+\.\d+$/);
  });
});
