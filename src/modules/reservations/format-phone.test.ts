import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPhoneJp } from './format-phone.js';

describe('formatPhoneJp', () => {
  it('writes mobile numbers 3-4-4', () => {
    assert.equal(formatPhoneJp('09012345678'), '090-1234-5678');
    assert.equal(formatPhoneJp('08012345678'), '080-1234-5678');
    assert.equal(formatPhoneJp('07012345678'), '070-1234-5678');
  });
  it('writes Tokyo 03 and Osaka 06 numbers 2-4-4', () => {
    assert.equal(formatPhoneJp('0312345678'), '03-1234-5678');
    assert.equal(formatPhoneJp('0612345678'), '06-1234-5678');
  });
  it('ends the area code where the numbering plan says (3, 4 and 5 digits)', () => {
    assert.equal(formatPhoneJp('0452345678'), '045-234-5678');
    assert.equal(formatPhoneJp('0111234567'), '011-123-4567');
    assert.equal(formatPhoneJp('0166123456'), '0166-12-3456');
    assert.equal(formatPhoneJp('0126712345'), '01267-1-2345');
  });
  it('writes toll-free and navigation numbers', () => {
    assert.equal(formatPhoneJp('0120123456'), '0120-123-456');
    assert.equal(formatPhoneJp('08001234567'), '0800-123-4567');
    assert.equal(formatPhoneJp('0570123456'), '0570-123-456');
  });
  it('writes IP phone numbers (050) 3-4-4', () => {
    assert.equal(formatPhoneJp('05012345678'), '050-1234-5678');
  });
  it('never drops the leading 0 nor changes the digits of a number it cannot group', () => {
    // 0800 needs 11 digits; the library would answer "800123456"
    assert.equal(formatPhoneJp('0800123456'), '0800123456');
    assert.equal(formatPhoneJp('12345'), '12345');
    assert.equal(formatPhoneJp(''), '');
  });
});
