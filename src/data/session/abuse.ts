/**
 * Insults and swearing aimed at the agent or the restaurant. Generic English and Dutch; a
 * turn matching this is not an order, and repeated abuse ends the call politely.
 */
const ABUSIVE =
  /\b(idiot|idiots|stupid|dumb|moron|useless|shut up|fuck\w*|shit\w*|bitch|bastard|asshole|arsehole|crap|damn you|screw you|hate you|piece of junk|piece of garbage|garbage|rubbish|loser|pathetic|worthless|kut\w*|klootzak|lul|sukkel|idioot|debiel|godverdomme|tering|kanker\w*)\b/i;

export function isAbusive(text: string): boolean {
  return ABUSIVE.test(text);
}
