/**
 * Generic street names for the address answer model, written from general knowledge (never from
 * a tenant's or a test's addresses): English ones as two words ("church street", "oak avenue")
 * and Dutch ones as the one compound word they are written as ("kerkstraat", "molenweg",
 * "stationsplein"), from the commonest first parts of Dutch street names and the street words.
 * The recogniser can only write words its dictionary has, so a street outside these lists is
 * heard as other words; the dialogue then still takes the words beside the house number.
 */
import { phraseList } from './name-corpus.ts';

export const englishStreetWords: readonly string[] = phraseList(`
  main, church, high, station, park, oak, elm, maple, cedar, pine, willow, chestnut, mill,
  market, king, queen, bridge, river, lake, hill, garden, school, north, south, east, west,
  green, new, old, long, spring, forest, sunset, harbour, castle, meadow, victoria, george,
  washington, lincoln, first, second, third, fourth, fifth, broad, water, bank, rose, orchard,
  baker, london, york, albert, manor, grove, cherry, walnut, birch, highland, valley, center
`);
export const englishStreetKinds: readonly string[] = phraseList(`
  street, avenue, road, lane, drive, way, square, court, place, boulevard, close, crescent,
  terrace, row, walk, hill, park
`);

/** Common first parts of Dutch street names (church, school, mill, station, royals, trees). */
const dutchStreetParts = phraseList(`
  kerk, school, molen, dorps, stations, markt, hoofd, nieuwe, oude, lange, korte, hoge, lage,
  brug, haven, wilhelmina, juliana, beatrix, oranje, emma, nassau, willem, koning, koningin,
  eiken, beuken, linden, berken, esdoorn, kastanje, populieren, wilgen, rozen, tulpen, dahlia,
  zon, noord, zuid, oost, west, spoor, water, veld, tuin, park, bos, heide, duin, zee, kanaal,
  vaart, sluis, kade, poort, burg, slot, kasteel, pastoor, meester, dokter, smids, bakkers,
  vissers, schippers, boeren, ambachts, industrie, rembrandt, vondel, erasmus
`);
const dutchStreetKinds = phraseList(`
  straat, weg, laan, plein, gracht, kade, singel, dijk, hof, steeg, markt, pad, dreef, park
`);

/**
 * Dutch compounds: every first part with the four commonest kinds ("kerkstraat", "kerkweg",
 * "kerklaan", "kerkplein"), the first twenty parts with every kind ("kerkgracht", "kerkdijk"),
 * and the kinds alone ("de dijk"). About 500 words: more would make the streets crowd each other.
 */
export function dutchStreetNames(): string[] {
  const names = dutchStreetParts.flatMap((part, index) =>
    (index < 20 ? dutchStreetKinds : dutchStreetKinds.slice(0, 4))
      .filter((kind) => kind !== part)
      .map((kind) => `${part}${kind}`),
  );
  return [...new Set([...names, ...dutchStreetKinds])];
}

export const streetNumberLetters: readonly string[] = ['a', 'b', 'c', 'd'];
