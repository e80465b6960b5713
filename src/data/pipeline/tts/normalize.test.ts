import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForSpeech } from './normalize.ts';

type Row = [written: string, spoken: string];

function table(language: string, rows: Row[], currency?: string): void {
  for (const [written, spoken] of rows) {
    it(`${language}: ${JSON.stringify(written)}`, () => {
      const options = currency === undefined ? { language } : { language, currency };
      assert.equal(normalizeForSpeech(written, options), spoken);
    });
  }
}

describe('normalizeForSpeech: prices', () => {
  table('en-US', [
    ['That is €12.50.', 'That is twelve euros fifty.'],
    ['€7', 'seven euros'],
    ['€1', 'one euro'],
    ['€0.50', 'fifty cents'],
    ['€0.01', 'one cent'],
    ['€12.05', 'twelve euros and five cents'],
    ['€12.5', 'twelve euros fifty'],
    ['$9.99 each', 'nine dollars ninety-nine each'],
    ['£3.20', 'three pounds twenty'],
    ['12.50 EUR', 'twelve euros fifty'],
    ['EUR 12.50', 'twelve euros fifty'],
    ['12,50 €', 'twelve euros fifty'],
    ['€ 12,-', 'twelve euros'],
    ['€1,250.00', 'one thousand two hundred fifty euros'],
    ['€1.250,00', 'one thousand two hundred fifty euros'],
    ['a total of 23.40 euros', 'a total of twenty-three euros forty'],
    ['between €10 and €15.', 'between ten euros and fifteen euros.'],
    ['Your total is 12.50.', 'Your total is 12.50.'],
  ]);
  table('en-US', [['Your total is 12.50.', 'Your total is twelve dollars fifty.']], 'USD');
  table('nl-NL', [
    ['Dat is €12,50.', 'Dat is twaalf euro vijftig.'],
    ['€12.50', 'twaalf euro vijftig'],
    ['€7', 'zeven euro'],
    ['€1,50', 'één euro vijftig'],
    ['€0,50', 'vijftig cent'],
    ['€22,05', 'tweeëntwintig euro en vijf cent'],
    ['Totaal 31,95', 'Totaal 31,95'],
  ]);
  table('nl-NL', [['Totaal 31,95', 'Totaal eenendertig euro vijfennegentig']], 'EUR');
});

describe('normalizeForSpeech: times', () => {
  table('en-US', [
    ['ready at 18:30', 'ready at six thirty PM'],
    ['18:00', 'six PM'],
    ['7:05pm', 'seven oh five PM'],
    ['7:05 p.m. tonight', 'seven oh five PM tonight'],
    ['We open at 11 a.m. Come by!', 'We open at eleven AM. Come by!'],
    ['at 7pm', 'at seven PM'],
    ['09:15', 'nine fifteen AM'],
    ['12:00', 'twelve noon'],
    ['12:45', 'twelve forty-five PM'],
    ['00:00', 'midnight'],
    ['00:10', 'twelve ten AM'],
    ['at 9', 'at 9'],
    ['at 9 or 10', 'at 9 or 10'],
    ['open 11:30-22:00', 'open eleven thirty AM to ten PM'],
  ]);
  table('nl-NL', [
    ['om 18:30', 'om achttien uur dertig'],
    ['om 18.30 uur', 'om achttien uur dertig'],
    ['om 18:00 uur', 'om achttien uur'],
    ['vanaf 7:05', 'vanaf zeven uur vijf'],
    ['open 11:30 – 22:00', 'open elf uur dertig tot tweeëntwintig uur'],
  ]);
});

describe('normalizeForSpeech: phone numbers', () => {
  table('en-US', [
    [
      'Call +31 6 1234 5678.',
      'Call plus three one, six, one two three four, five six seven eight.',
    ],
    ['555-123-4567', 'five five five, one two three, four five six seven'],
    ['(555) 123 4567', 'five five five, one two three, four five six seven'],
    ['555.123.4567', 'five five five, one two three, four five six seven'],
    ['0612345678', 'zero six one, two three four, five six seven eight'],
    ['+31612345678', 'plus three one six, one two three four, five six seven eight'],
    ['a party of 1 250 000 people', 'a party of 1 250 000 people'],
    ['123 Main St', '123 Main Street'],
  ]);
  table('nl-NL', [['Bel 020-1234567', 'Bel nul twee nul, één twee drie, vier vijf zes zeven']]);
});

describe('normalizeForSpeech: quantities, ordinals, percentages, postcodes', () => {
  table('en-US', [
    ['2 × Margherita and 1 × Cola', 'two Margherita and one Cola'],
    ['2x Margherita', 'two Margherita'],
    ['3 x Tiramisu', 'three Tiramisu'],
    ['2 XL pizzas', '2 XL pizzas'],
    ['a 30 × 40 box', 'a 30 times 40 box'],
    ['the 1st, 2nd, 3rd, 4th and 21st', 'the first, second, third, fourth and twenty-first'],
    ['our 12th year', 'our twelfth year'],
    ['10% off', 'ten percent off'],
    ['12.5% service', 'twelve point five percent service'],
    ['Damrak 1, 1012 AB Amsterdam', 'Damrak 1, ten twelve A-B Amsterdam'],
    ['Prinsengracht 263 1016 GV', 'Prinsengracht 263 ten sixteen G-V'],
    ['2501 CD', 'twenty-five oh one C-D'],
  ]);
  table('nl-NL', [
    ['2 × Margherita', 'twee Margherita'],
    ['de 1e en 2de', 'de eerste en tweede'],
    ['de 8ste en 21ste', 'de achtste en eenentwintigste'],
    ['10% korting', 'tien procent korting'],
    ['1012 AB', 'tien twaalf A-B'],
  ]);
});

describe('normalizeForSpeech: abbreviations and symbols', () => {
  table('en-US', [
    ['Fish & Chips', 'Fish and Chips'],
    ['12 Main St.', '12 Main Street.'],
    ['on Main St. See you!', 'on Main Street. See you!'],
    ['near St. Mary’s Church', 'near Saint Mary’s Church'],
    ['St. Patrick is here', 'Saint Patrick is here'],
    ['5 Sunset Blvd and 3rd Ave.', '5 Sunset Boulevard and third Avenue.'],
    ['Dr. Smith called', 'Doctor Smith called'],
    ['on Mulholland Dr.', 'on Mulholland Drive.'],
    ['Mr. Jones', 'Mister Jones'],
    ['about 20 min', 'about 20 minutes'],
    ['1 min', '1 minute'],
    ['within 5 km.', 'within 5 kilometers.'],
    ['drinks, e.g. cola', 'drinks, for example cola'],
    ['pizza, pasta, etc. Anything else?', 'pizza, pasta, et cetera. Anything else?'],
    ['approx. 30 mins', 'approximately 30 minutes'],
    ['order No. 42', 'order number 42'],
    ['order #42', 'order number 42'],
  ]);
  table('en-GB', [['within 5 km', 'within 5 kilometres']]);
  table('nl-NL', [
    ['Friet & mayo', 'Friet en mayo'],
    ['ma t/m vr', 'ma tot en met vr'],
    ['ca. 20 min', 'circa 20 minuten'],
    ['bijv. cola', 'bijvoorbeeld cola'],
    ['Kalverstr. 12', 'Kalverstraat 12'],
  ]);
});

describe('normalizeForSpeech: leaves speakable text alone', () => {
  table('en-US', [
    ['Would you like anything else?', 'Would you like anything else?'],
    ['2 pizzas, please', '2 pizzas, please'],
    ['  spaces   collapse ', 'spaces collapse'],
    ['', ''],
  ]);
});
