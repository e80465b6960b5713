/**
 * Short acknowledgements a caller makes while the agent talks ("uh-huh", "okay"). They are not
 * a bid for the turn, so they never stop the agent (or, if the agent already stopped, it
 * resumes). English only, like the replies (ROADMAP known gaps).
 */
const backchannelPhrases = new Set([
  'uh huh',
  'uhhuh',
  'mm hmm',
  'mmhmm',
  'mhm',
  'mm',
  'hmm',
  'hm',
  'uh',
  'um',
  'ah',
  'oh',
  'okay',
  'ok',
  'alright',
  'all right',
  'right',
  'yeah',
  'yep',
  'yup',
  'sure',
  'i see',
  'got it',
  'cool',
  'great',
]);

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `text` is only acknowledgements (e.g. "okay", "uh-huh yeah"); false when empty. */
export function isBackchannel(text: string): boolean {
  const spoken = words(text);
  if (spoken === '') return false;
  if (backchannelPhrases.has(spoken)) return true;
  const tokens = spoken.split(' ');
  // "uh huh okay": every word, or every adjacent pair, is an acknowledgement.
  for (let k = 0; k < tokens.length;) {
    const pair = `${tokens[k]} ${tokens[k + 1] ?? ''}`;
    if (k + 1 < tokens.length && backchannelPhrases.has(pair)) k += 2;
    else if (backchannelPhrases.has(tokens[k]!)) k += 1;
    else return false;
  }
  return true;
}

/** Speech that carries no words at all (a cough, a breath, line noise). */
export function isNonSpeech(text: string): boolean {
  return words(text) === '';
}
