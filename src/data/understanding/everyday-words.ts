/**
 * Everyday English words a caller says around an order. Fuzzy matching never reads one of them as
 * a different menu word ("let me think" is no "thin" crust): a real word the recogniser heard is
 * far likelier what was said than a misheard menu word one letter away. Nothing here is food,
 * and words a recogniser writes for a dish's homophone are left out ("place" for plaice, "work"
 * for wok, "late" for latte, "slow" for slaw).
 */
import { COMMON_WORDS } from './vocabulary.ts';

export const EVERYDAY_WORDS: ReadonlySet<string> = new Set([
  ...COMMON_WORDS,
  ...(
    'think thinking thought guess suppose know knew see seen say said tell told ask asked ' +
    'wonder wondering hope wish try trying look looking sound sounds seem seems feel feeling ' +
    'believe remember forget forgot decide decided pick choose chose  wanna gonna gotta kinda ' +
    'sorta something anything nothing someone anyone everyone somebody anybody thing things ' +
    'stuff kind sort type way probably perhaps definitely basically honestly literally ' +
    'exactly actually really quite pretty still even only ever never always already yet though ' +
    'although because since until while about above after before between into through during ' +
    'without within along across behind beside under again once twice first second last next ' +
    'another else instead other others either neither every each few several enough ' +
    'day   weekend tonight later early  quick quickly fast  ' +
    'home   friend friends family wife husband son daughter mom mum dad kids guys ' +
    'thanks cheers lovely perfect awesome  nice brilliant fantastic excellent wonderful ' +
    'hang hold wait moment second minute  ' +
    'um uh uhm umm erm er ah oh hmm hm mm well so like yeah yes yep sure okay ok alright ' +
    'could would should might must shall will can may ' +
    'then than there their theyre them they this that these those here where when what which ' +
    'going doing having getting making taking coming ' +
    'also just maybe please thank think'
  )
    .split(/\s+/)
    .filter(Boolean),
]);
