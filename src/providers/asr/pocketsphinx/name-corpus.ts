/**
 * Generic given and family names for the name answer model: the commonest names in the English-
 * speaking countries and the Netherlands (with a few from other large groups of callers), each
 * list roughly by frequency so generated answers favour the common ones. Written from general
 * knowledge, never from a tenant's or a test's callers. Words the CMU dictionary lacks ("daan",
 * "dijkstra") get pronunciations from espeak-ng (pronunciation-dictionary.ts), and every name
 * word also gets espeak-ng's English and Dutch pronunciations as alternates, because callers say
 * a Dutch name either way.
 */
import { spokenWords } from './spoken-words.ts';

export const givenNames: readonly string[] = phraseList(`
  james, john, robert, michael, william, david, richard, joseph, thomas, charles, anna, maria,
  emma, sophie, julia, sarah, lisa, laura, eva, daan, sem, lucas, noah, jan, peter, mark, paul,
  christopher, daniel, matthew, anthony, steven, andrew, joshua, kevin, brian, george, edward,
  ronald, timothy, jason, jeffrey, ryan, jacob, gary, nicholas, eric, jonathan, stephen,
  justin, scott, benjamin, samuel, frank, gregory, raymond, alexander, patrick, jack, dennis,
  tyler, aaron, henry, adam, nathan, kyle, ethan, jeremy, mary, patricia, jennifer, linda,
  elizabeth, barbara, susan, jessica, karen, nancy, betty, margaret, sandra, ashley, kimberly,
  emily, donna, michelle, carol, amanda, melissa, deborah, stephanie, rebecca, sharon,
  cynthia, kathleen, amy, angela, helen, brenda, pamela, nicole, samantha, katherine,
  christine, rachel, catherine, janet, ruth, heather, diane, julie, victoria, olivia, kelly,
  christina, lauren, megan, andrea, hannah, martha, tom, tim, sam, alex, chris, mike, dave,
  steve, nick, ben, dan, joe, jim, bob, bill, max, kate, lucy, grace, chloe, mia, ella, amelia,
  jane, luke, oliver, harry, charlie, oscar, leo, liam, mason, logan, isabella, ava, charlotte,
  sophia, harper, evelyn, abigail, ella, scarlett, zoe, lily, ruby, freya, isla, poppy, jessica,
  finn, levi, milan, jesse, bram, thijs, ruben, lars, luuk, stijn, tijn, sven, niels, koen,
  jasper, wouter, joost, maarten, sander, bas, jeroen, dennis, rick, kevin, mohamed, youssef,
  willem, pieter, kees, henk, gerrit, hendrik, johannes, cornelis, jacobus, dirk, hans, erik,
  marco, martijn, frank, rob, ron, arjen, bart, tom, tess, saar, lotte, fleur, sanne, anouk,
  femke, iris, noa, mila, nora, lieke, roos, esmee, isa, fenna, yara, esther, ingrid,
  marieke, annemarie, els, ineke, wilma, petra, monique, mirjam, marloes, linda, anne, inge,
  karin, ellen, sandra, annelies, judith, renske, ilse, maaike, luca, giulia, sofia, pierre,
  marie, klaus, ahmed, mohammed, fatima, ali, omar, yusuf, priya, raj, wei, chen, kim, nina,
  rosa, carlos, juan, jose, ana, elena
`);

export const familyNames: readonly string[] = phraseList(`
  smith, de jong, jansen, de vries, johnson, williams, brown, van den berg, van dijk, bakker,
  jones, janssen, visser, smit, meijer, de boer, mulder, de groot, bos, vos, peters, hendriks,
  garcia, miller, davis, wilson, anderson, taylor, thomas, moore, jackson, martin, lee,
  van leeuwen, dekker, brouwer, de wit, dijkstra, smits, de graaf, van der meer, van der linden,
  kok, jacobs, de haan, vermeulen, van den heuvel, van der veen, van den broek, de bruijn,
  van der heijden, schouten, van beek, willems, van vliet, van de ven, hoekstra, maas,
  verhoeven, koster, van dam, van der wal, prins, blom, huisman, peeters, de koning, van wijk,
  kuipers, van der laan, bosch, post, kramer, van den bosch, scholten, postma, wijnands, wolters,
  thompson, white, harris, clark, lewis, robinson, walker, young, allen, king, wright, scott,
  hill, green, adams, nelson, baker, hall, campbell, mitchell, carter, roberts, evans, turner,
  phillips, parker, edwards, collins, stewart, morris, murphy, cook, rogers, morgan, cooper,
  peterson, bailey, reed, kelly, howard, cox, ward, richardson, watson, brooks, wood, james,
  bennett, gray, hughes, price, sanders, rodriguez, martinez, hernandez, lopez, gonzalez,
  perez, sanchez, ramirez, torres, nguyen, flores, rivera, muller, schmidt, schneider,
  fischer, weber, meyer, wagner, becker, rossi, russo, ferrari, bianchi, dubois, moreau,
  martens, claes, khan, patel, singh, kumar, shah, wang, li, zhang, chen, liu, kim, park,
  nowak, kowalski, yilmaz, kaya, el amrani
`);

/** Particles that join a Dutch or other family name ("de vries", "van der meer"). */
export const nameParticles: readonly string[] = ['de', 'van', 'der', 'den', 'ter', 'ten', 'el'];

/** Every word of the name lists (spoken forms): they get name pronunciations. */
export function nameWords(): string[] {
  return [...new Set([...givenNames, ...familyNames].flatMap((name) => spokenWords(name)))];
}

/** A comma-separated list (kept compact: the formatter would put each name on a line). */
export function phraseList(text: string): string[] {
  return [...new Set(text.split(',').map((phrase) => phrase.trim()))].filter(Boolean);
}
