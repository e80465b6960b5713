import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dutchIpaAsEnglish } from './dutch-ipa.ts';
import { ipaToArpabet } from './ipa-to-arpabet.ts';

void describe('dutchIpaAsEnglish', () => {
  void it('maps Dutch sounds the English table lacks to their nearest English ones', () => {
    // espeak-ng -v nl: "gracht", "huis", "meijer", "weg"
    assert.deepEqual(ipaToArpabet(dutchIpaAsEnglish('ɣrˈɑxt')), ['K', 'R', 'AA', 'K', 'T']);
    assert.deepEqual(ipaToArpabet(dutchIpaAsEnglish('hˈœys')), ['HH', 'AW', 'S']);
    assert.deepEqual(ipaToArpabet(dutchIpaAsEnglish('mˈɛɪjər')), ['M', 'EY', 'Y', 'AH', 'R']);
    assert.deepEqual(ipaToArpabet(dutchIpaAsEnglish('ʋˈɛx')), ['V', 'EH', 'K']);
    assert.equal(ipaToArpabet('ɣrˈɑxt'), undefined, 'unmapped, the table refuses it');
  });
});
