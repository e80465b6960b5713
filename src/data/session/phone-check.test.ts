import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spokenPhone } from './phone-check.ts';
import { textCall } from './testing/text-call.ts';

/** The number as read back by a restaurant in the Netherlands (+31). */
const inNetherlands = (e164: string) => spokenPhone(e164, '31');

describe('the phone number read back, grouped by its numbering plan', () => {
  test('a Dutch number at a Dutch restaurant: national form, mobile as 06 and two fours', () => {
    assert.equal(inNetherlands('+31612345678'), '06 1234 5678');
    assert.equal(inNetherlands('+31313123456'), '0313 123 456');
    assert.equal(inNetherlands('+31201234567'), '020 123 4567');
    assert.equal(inNetherlands('+31800123456'), '0800 123456');
  });

  test('a foreign number: international form, the country code on its own', () => {
    assert.equal(inNetherlands('+12125550147'), '+1 212 555 0147');
    assert.equal(inNetherlands('+442079460958'), '+44 20 7946 0958');
    assert.equal(inNetherlands('+4930123456'), '+49 30 123456');
    assert.equal(inNetherlands('+4915123456789'), '+49 1512 345 6789');
    assert.equal(inNetherlands('+3222345678'), '+32 2 234 56 78');
    assert.equal(inNetherlands('+32470123456'), '+32 470 12 34 56');
  });

  test("each country's own numbers in its national form", () => {
    assert.equal(spokenPhone('+12125550147', '1'), '212 555 0147');
    assert.equal(spokenPhone('+442079460958', '44'), '020 7946 0958');
    assert.equal(spokenPhone('+4930123456', '49'), '030 123456');
    assert.equal(spokenPhone('+32470123456', '32'), '0470 12 34 56');
    assert.equal(spokenPhone('+3222345678', '32'), '02 234 56 78');
  });

  test('a Dutch mobile at a Belgian restaurant is foreign', () => {
    assert.equal(spokenPhone('+31612345678', '32'), '+31 6 1234 5678');
  });

  test('a number the plan does not group: threes and a last four', () => {
    // Too short for a Dutch number: said as before.
    assert.equal(inNetherlands('+3120123456'), '020 123 456');
    // No country has +999.
    assert.equal(inNetherlands('+999123456789'), '+999 123 456 789');
    // Too short for the US: the country code still said on its own.
    assert.equal(inNetherlands('+1415555123'), '+1 415 555 123');
  });

  test('a caller from abroad hears the number in international form', async () => {
    const { replies, draft } = await textCall([
      'a large pepperoni pizza for pickup',
      'my name is Anna de Vries',
      'plus one two one two five five five zero one four seven',
      'yes',
      'yes',
    ]);
    assert.match(replies[3]!, /^I have your number as \+1 212 555 0147\. Is that right\?$/);
    assert.match(replies[4]!, /read that back.*phone \+1 212 555 0147\./);
    assert.equal(draft!.customer.phone, '+12125550147');
  });

  test('a restaurant in the US reads a US number back in national form', async () => {
    const { replies } = await textCall(
      [
        'a large pepperoni pizza for pickup',
        'my name is Anna de Vries',
        'two one two five five five zero one four seven',
      ],
      { overlay: { countryCallingCode: '1' } },
    );
    assert.match(replies[3]!, /^I have your number as 212 555 0147\. Is that right\?$/);
  });
});
