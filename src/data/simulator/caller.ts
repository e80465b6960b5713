/**
 * A goal-driven simulated caller. It answers what the agent asks from its goal (items, sizes,
 * fulfilment, name, phone, address, confirmation) and acts out `behaviour` read generically:
 * sentences are generated from templates over the menu's names, never written per scenario.
 */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import { numberToWords } from '../session/spoken.ts';
import { numberWordValue } from '../understanding/index.ts';
import { readBackObjection } from './read-back-check.ts';
import type { GoalLine, Scenario } from './scenario.ts';

const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
const MUMBLES = ['mm uh the', 'hmm eh mm', 'uh uh', 'erm the the uh'];
const INSULTS = [
  'you are a useless stupid machine',
  'blah blah gibberish wobble',
  'shut up you idiot',
  'flubber gronk zib zab',
  'this is garbage, you moron',
  'wub wub wub',
];

/** What the agent's last reply asks for, from its wording. */
type AgentAsk =
  | 'ended'
  | 'language'
  | 'choice'
  | 'read_back'
  | 'check_phone'
  | 'check_quantity'
  | 'how_many'
  | 'offer_pickup'
  | 'minimum'
  | 'fulfilment'
  | 'name'
  | 'phone'
  | 'address'
  | 'postcode'
  | 'city'
  | 'anything_else'
  | 'order'
  | 'change'
  | 'everything'
  | 'yes_no'
  | 'other';

export function classifyAgentReply(reply: string): AgentAsk {
  const text = reply.toLowerCase();
  if (/confirmed|goodbye|put you through|call you back|one moment/.test(text)) return 'ended';
  if (/continue in english/.test(text)) return 'language';
  // Details read back for a yes: answered against the goal, truthfully.
  if (/i have your number as|is your number\b/.test(text)) return 'check_phone';
  if (/just to check:/.test(text)) return 'check_quantity';
  if (/how many .+ would you like/.test(text)) return 'how_many';
  if (/read that back|shall i place the order|place the order\?/.test(text)) return 'read_back';
  if (/pick it up instead/.test(text) && !/add something/.test(text)) return 'offer_pickup';
  if (/minimum/.test(text) && /add something/.test(text)) return 'minimum';
  if (/which would you like for/.test(text)) return 'choice';
  if (/pickup or delivery/.test(text)) return 'fulfilment';
  if (/\bname\b/.test(text)) return 'name';
  if (/phone number|the number/.test(text)) return 'phone';
  if (/postcode/.test(text)) return 'postcode';
  if (/which city/.test(text)) return 'city';
  if (/address/.test(text)) return 'address';
  if (/what would you like to change/.test(text)) return 'change';
  if (/is that everything|is that all\b/.test(text)) return 'everything';
  if (/anything else|anything more|what else/.test(text)) return 'anything_else';
  if (/what would you like|what can i get|which item|order\?|say that again/.test(text))
    return 'order';
  if (/yes or no/.test(text)) return 'yes_no';
  return 'other';
}

interface Deferred {
  /** When to say it: right after the first order is acknowledged, or at the read-back. */
  at: 'next' | 'read_back';
  utterance: string;
}

export class SimulatedCaller {
  private readonly pending: GoalLine[];
  /** The goal's lines as first ordered, by position (a correction changes one of them). */
  private readonly goalLines: GoalLine[];
  private firstOrderLines: GoalLine[];
  /** Whether the caller's last utterance was its first order (a "straight away" correction follows). */
  private justOrdered = false;
  /** Read-backs objected to so far. */
  private objections = 0;
  private deferred: Deferred[] = [];
  private opening: string[] = [];
  private lastMeaningful = '';
  private orderedOnce = false;
  /** The phone number read back that the caller said no to, as the agent said it. */
  private refusedPhone: string | undefined;
  private silencesLeft: number;
  private readonly behaviour: Record<string, unknown>;
  hungUp = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly menu: MenuV1,
  ) {
    this.behaviour = scenario.behaviour;
    const style = scenario.behaviour.style;
    this.pending = scenario.goal.items.map((line) => ({ ...line }));
    this.goalLines = this.pending.slice();
    this.firstOrderLines = this.pending.slice();
    this.silencesLeft = typeof this.behaviour.silence === 'string' ? 1 : 0;
    const text = (key: string) =>
      typeof this.behaviour[key] === 'string' ? (this.behaviour[key] as string) : undefined;

    if (style === 'correction') this.planCorrection(text('correction') ?? '');
    if (style === 'changes-mind') this.planChange(text('change') ?? '');
    if (style === 'barge-in') this.planBargeIn(text('bargeIn') ?? '');
    if (style === 'asks-question-first' && text('question')) this.opening.push(text('question')!);
    if (style === 'off-menu-first' && text('offMenu'))
      this.opening.push(`I'd like ${text('offMenu')!}`);
    if (style === 'wants-human')
      this.opening.push(text('utterance') ?? 'can I talk to a person please');
    if (style === 'mumbles') {
      const count = countIn(text('noise') ?? '') ?? 2;
      for (let k = 0; k < count; k++) this.opening.push(MUMBLES[k % MUMBLES.length]!);
    }
    if (style === 'abusive') {
      const count = countIn(text('utterance') ?? '') ?? 4;
      for (let k = 0; k < count + 2; k++) this.opening.push(INSULTS[k % INSULTS.length]!);
    }
    const language = text('language') ?? '';
    if (/dutch/i.test(language)) {
      this.opening.unshift(/'([^']+)'/.exec(language)?.[1] ?? 'Hallo, ik wil graag bestellen');
    }
  }

  /** Kitchen wait the scenario sets ("kitchen status says 60 minute wait"), if any. */
  static kitchenWaitMinutes(scenario: Scenario): number | undefined {
    const kitchen = scenario.behaviour.kitchen;
    if (typeof kitchen !== 'string') return undefined;
    const minutes = /(\d+)\s*min/.exec(kitchen)?.[1];
    return minutes ? Number(minutes) : undefined;
  }

  /** The caller's next utterance, given what the agent just said; undefined = hang up. */
  respond(agentReply: string): string | undefined {
    const ask = classifyAgentReply(agentReply);
    const goal = this.scenario.goal;
    const style = this.scenario.behaviour.style;
    if (ask === 'ended') return undefined;
    if (this.silencesLeft > 0) {
      this.silencesLeft--;
      return '';
    }
    if (style === 'abusive' || style === 'wants-human') {
      const next = this.opening.shift();
      if (next !== undefined) return next;
      this.hungUp = true;
      return undefined;
    }
    if (this.opening.length > 0 && ask !== 'language') return this.opening.shift();
    const notUnderstood =
      /didn't (?:catch|get)|not sure i understood|say that again|once more|repeat/i;
    const answersQuestion = ['read_back', 'check_phone', 'check_quantity'].includes(ask);
    if (notUnderstood.test(agentReply) && this.lastMeaningful && !answersQuestion)
      return this.lastMeaningful;
    // A correction "straight away" comes on the turn after the first order, whatever was asked.
    const straightAfterOrder = this.justOrdered;
    this.justOrdered = false;
    const now = this.deferred.find((item) => item.at === 'next');
    if (now && straightAfterOrder && ask !== 'anything_else') {
      this.deferred = this.deferred.filter((item) => item !== now);
      return this.remember(now.utterance);
    }
    switch (ask) {
      case 'language':
        this.opening = [];
        return this.remember(`Sure, English is fine. ${this.orderUtterance()}`);
      case 'order':
      case 'change':
        if (this.orderedOnce && this.pending.length === 0) return this.remember("no, that's all");
        return this.remember(this.orderUtterance());
      case 'anything_else': {
        if (now) {
          this.deferred = this.deferred.filter((item) => item !== now);
          return this.remember(now.utterance);
        }
        if (this.pending.length > 0) return this.remember(this.orderUtterance());
        return this.remember("no, that's all");
      }
      case 'choice':
        return this.remember(this.answerChoice(agentReply) ?? "I'm not sure");
      case 'fulfilment':
        return this.remember(goal.fulfilment === 'pickup' ? "I'll pick it up" : 'delivery please');
      case 'offer_pickup':
        return goal.fulfilment === 'pickup'
          ? 'yes, pickup is fine'
          : "no thanks, then I'll leave it";
      case 'minimum':
        return "no thanks, I'll leave it then";
      case 'name':
        return this.remember(`my name is ${goal.name}`);
      case 'phone': {
        // Asked again after a wrong read-back: the part that was wrong, if one group; else the whole number.
        const part = /digits i got wrong/i.test(agentReply)
          ? wrongPart(this.refusedPhone, goal.phone)
          : undefined;
        this.refusedPhone = undefined;
        if (part) return part.map((digit) => numberToWords(Number(digit))).join(' ');
        return this.remember(this.phoneUtterance());
      }
      case 'address': {
        const address = goal.address;
        if (!address) return "I'll pick it up instead";
        return this.remember(
          `${address.street}, ${address.postcode}${address.city ? ` ${address.city}` : ''}`,
        );
      }
      case 'postcode':
        return this.remember(goal.address?.postcode ?? "I don't know");
      case 'city':
        return this.remember(goal.address?.city ?? 'Amsterdam');
      case 'check_phone':
        if (samePhone(agentReply, goal.phone)) return "yes, that's right";
        this.refusedPhone = readBackPhone(agentReply);
        return "no, that's wrong";
      case 'check_quantity':
        return this.answerQuantityCheck(agentReply);
      case 'how_many': {
        const asked = agentReply.slice(agentReply.toLowerCase().indexOf('how many'));
        const line = this.goalLineIn(asked);
        return this.remember(line ? this.describe(line) : 'no thanks');
      }
      case 'read_back': {
        const change = this.deferred.find((item) => item.at === 'read_back');
        if (change) {
          this.deferred = this.deferred.filter((item) => item !== change);
          return change.utterance;
        }
        // Objected to once per read-back at most, so a misunderstanding cannot loop forever.
        if (this.objections < 2) {
          const objection = readBackObjection(agentReply, goal, this.menu, (line) =>
            this.describe(line, true),
          );
          const phone = /\bphone (\+?\d[\d ]*\d)/i.exec(agentReply)?.[1];
          const wrongPhone = phone && !samePhone(phone, goal.phone);
          if (objection ?? wrongPhone) {
            this.objections++;
            return this.remember(objection ?? `no, my number is ${goal.phone}`);
          }
        }
        return 'yes, that is right';
      }
      case 'everything':
        // "Is that everything?": yes when nothing is left to say, else the rest of the order.
        if (this.pending.length > 0) return this.remember(this.orderUtterance());
        if (now) {
          this.deferred = this.deferred.filter((item) => item !== now);
          return this.remember(now.utterance);
        }
        return "yes, that's everything";
      case 'yes_no':
        return 'yes';
      default:
        if (this.pending.length > 0) return this.remember(this.orderUtterance());
        return 'okay';
    }
  }

  private remember(utterance: string): string {
    this.lastMeaningful = utterance;
    return utterance;
  }

  /** The next part of the order: everything at once, or one item per turn. */
  private orderUtterance(): string {
    const style = this.scenario.behaviour.style;
    const count = style === 'one-item-per-turn' ? 1 : this.pending.length;
    const lines = this.pending.splice(0, count);
    const first = !this.orderedOnce;
    this.orderedOnce = true;
    this.justOrdered = first;
    if (lines.length === 0) return "no, that's all";
    const spoken = lines.map((line) => {
      const override = first ? this.firstOrderLines[this.goalLines.indexOf(line)] : undefined;
      return this.describe(override ?? line);
    });
    const fulfilment =
      style !== 'one-item-per-turn' && this.pending.length === 0
        ? this.scenario.goal.fulfilment === 'pickup'
          ? ' for pickup'
          : ' for delivery'
        : '';
    return `I'd like ${joinWords(spoken)}${fulfilment}`;
  }

  /** "a large pepperoni pizza without pineapple", from menu names only. */
  describe(line: GoalLine, variantFirst = false): string {
    const item = this.menu.items.find((candidate) => candidate.id === line.item);
    if (!item) return line.item;
    const sizeGroup = this.menu.modifierGroups.find(
      (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
    );
    const size = line.size
      ? sizeGroup?.options.find((option) => option.id === line.size)
      : undefined;
    const variant = item.variants?.find((candidate) => candidate.id === line.variant);
    const optionName = (group: string, option: string) =>
      this.menu.modifierGroups
        .find((candidate) => candidate.id === group)
        ?.options.find((o) => o.id === option)?.name ?? option;
    const adds = (line.modifiers ?? [])
      .filter((modifier) => modifier.action === 'add')
      .map(
        (modifier) =>
          `${modifier.qualifier ? `${modifier.qualifier} ` : ''}${optionName(modifier.group, modifier.option)}`,
      );
    const removes = (line.modifiers ?? [])
      .filter((modifier) => modifier.action === 'remove')
      .map((modifier) => optionName(modifier.group, modifier.option));
    const quantity = line.quantity === 1 ? 'a' : numberToWords(line.quantity);
    const name = line.quantity > 1 && !/s$/.test(item.name) ? `${item.name}s` : item.name;
    // Said again after a misunderstanding, a variant comes first, as most callers say it.
    let text = [quantity, size?.name, variantFirst ? variant?.name : undefined, name]
      .filter(Boolean)
      .join(' ');
    if (variant && !variantFirst) text += `, ${variant.name},`;
    if (adds.length > 0) text += ` with ${joinWords(adds)}`;
    if (removes.length > 0) text += ` without ${joinWords(removes)}`;
    return text.replace(/,$/, '');
  }

  private phoneUtterance(): string {
    const phone = this.scenario.goal.phone;
    const style = typeof this.behaviour.phoneStyle === 'string' ? this.behaviour.phoneStyle : '';
    if (!/digit/i.test(style)) return `my number is ${phone}`;
    const groups = phone
      .split(/\s+/)
      .map((group) =>
        [...group]
          .map((char) =>
            char === '+' ? 'plus' : /\d/.test(char) ? numberToWords(Number(char)) : char,
          )
          .join(' '),
      );
    return groups.join(', ');
  }

  /**
   * "Just to check: 40 Coca-Colas, is that right?": yes if the goal says so, else a plain no
   * (the count follows when the agent asks how many): "no, that's wrong" rather than a bare
   * "no", which a phone line often loses.
   */
  private answerQuantityCheck(agentReply: string): string {
    const asked = agentReply.slice(agentReply.toLowerCase().indexOf('just to check:'));
    const said = /just to check:\s*(\d+|[a-z]+)\b/i.exec(asked)?.[1]?.toLowerCase() ?? '';
    const quantity = numberWordValue(said) ?? -1;
    return this.goalLineIn(asked, quantity)?.quantity === quantity
      ? "yes, that's right"
      : "no, that's wrong";
  }

  /** The goal line of the menu item the agent names (the longest name found), preferring `quantity`. */
  private goalLineIn(agentReply: string, quantity?: number): GoalLine | undefined {
    const lower = agentReply.toLowerCase();
    const named = this.menu.items
      .filter((item) => {
        const name = item.name.toLowerCase();
        return lower.includes(name) || lower.includes(name.replace(/y$/, 'ies'));
      })
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (!named) return undefined;
    const lines = this.scenario.goal.items.filter((line) => line.item === named.id);
    return lines.find((line) => line.quantity === quantity) ?? lines[0];
  }

  private answerChoice(agentReply: string): string | undefined {
    const lower = agentReply.toLowerCase();
    for (const line of this.scenario.goal.items) {
      const item = this.menu.items.find((candidate) => candidate.id === line.item);
      if (!item || !lower.includes(item.name.toLowerCase())) continue;
      const variant = item.variants?.find((candidate) => candidate.id === line.variant);
      if (variant) return variant.name;
      const sizeGroup = this.menu.modifierGroups.find(
        (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
      );
      const size = sizeGroup?.options.find(
        (option) => option.id === (line.size ?? sizeGroup.default),
      );
      if (size) return size.name;
    }
    return undefined;
  }

  /**
   * "first asks for a large veggie, then after the read-back says it should be small": an option
   * named in the text from the same group as a goal choice, but different, is ordered first; the
   * goal's own option is the correction.
   */
  private planCorrection(description: string): void {
    const lower = ` ${description.toLowerCase()} `;
    const atReadBack = /read.?back/.test(lower);
    for (const [index, line] of this.scenario.goal.items.entries()) {
      const item = this.menu.items.find((candidate) => candidate.id === line.item);
      if (!item) continue;
      for (const groupId of item.modifierGroups) {
        const group = this.menu.modifierGroups.find((candidate) => candidate.id === groupId);
        if (!group) continue;
        const goalOption =
          group.kind === 'size'
            ? line.size
            : line.modifiers?.find(
                (modifier) => modifier.group === group.id && modifier.action === 'add',
              )?.option;
        if (!goalOption) continue;
        const wrong = group.options.find(
          (option) =>
            option.id !== goalOption &&
            [option.name, ...option.aliases].some((phrase) => saysPhrase(lower, phrase)),
        );
        if (!wrong) continue;
        const first: GoalLine =
          group.kind === 'size'
            ? { ...line, size: wrong.id }
            : {
                ...line,
                modifiers: (line.modifiers ?? []).map((modifier) =>
                  modifier.group === group.id ? { ...modifier, option: wrong.id } : modifier,
                ),
              };
        this.firstOrderLines = this.firstOrderLines.map((candidate, k) =>
          k === index ? first : candidate,
        );
        const right = group.options.find((option) => option.id === goalOption)!;
        this.deferred.push({
          at: atReadBack ? 'read_back' : 'next',
          utterance: `actually, make the ${item.name} ${right.name}`,
        });
        return;
      }
    }
  }

  /** "adds wings after the agent reads back the order": goal items named in the text come later. */
  private planChange(description: string): void {
    const lower = description.toLowerCase();
    const later = this.scenario.goal.items.filter((line) => {
      const item = this.menu.items.find((candidate) => candidate.id === line.item);
      return (
        item && [item.name, ...item.aliases].some((phrase) => lower.includes(phrase.toLowerCase()))
      );
    });
    if (later.length === 0 || later.length === this.scenario.goal.items.length) return;
    for (const line of later) this.pending.splice(this.pending.indexOf(line), 1);
    this.deferred.push({
      at: /read/.test(lower) ? 'read_back' : 'next',
      utterance: `oh wait, can I also get ${joinWords(later.map((line) => this.describe(line)))}`,
    });
  }

  /** "interrupts the read-back to change the drinks to bottles": the goal size comes as a change. */
  private planBargeIn(description: string): void {
    const lower = ` ${description.toLowerCase()} `;
    for (const [index, line] of this.scenario.goal.items.entries()) {
      if (!line.size) continue;
      const item = this.menu.items.find((candidate) => candidate.id === line.item);
      const group = this.menu.modifierGroups.find(
        (candidate) => candidate.kind === 'size' && item?.modifierGroups.includes(candidate.id),
      );
      const option = group?.options.find((candidate) => candidate.id === line.size);
      if (!item || !group || !option) continue;
      const phrases = [option.name, ...option.aliases].map((phrase) => phrase.toLowerCase());
      if (!phrases.some((phrase) => lower.includes(` ${phrase}`))) continue;
      const initial = group.options.find((candidate) => candidate.id !== option.id);
      if (!initial) continue;
      this.firstOrderLines = this.firstOrderLines.map((candidate, k) =>
        k === index ? { ...line, size: initial.id } : candidate,
      );
      const said = /\bto (change [^.]+)$/.exec(description.trim())?.[1];
      this.deferred.push({
        at: 'read_back',
        utterance: said ? `sorry, ${said}` : `sorry, make the ${item.name} ${option.name}`,
      });
      return;
    }
  }
}

/** The phone number in an agent's reply as it was said ("06 1234 5678"), if any. */
function readBackPhone(agentReply: string): string | undefined {
  return /\+?\d[\d ]{5,}\d/.exec(agentReply)?.[0];
}

/**
 * The read-back's digits and the goal's, lined up: the goal loses what the read-back does not
 * say (a country code, a trunk zero), compared from the end.
 */
function lineUp(readBack: string, goalPhone: string): { heard: string; goal: string } | undefined {
  const core = (digits: string) => digits.replace(/^(?:00|0)/, '');
  const heard = core(readBack.replace(/\D/g, ''));
  const goal = core(goalPhone.replace(/\D/g, ''));
  if (heard === '' || goal === '') return undefined;
  return { heard, goal };
}

/** Whether the number the agent read back is the goal's (national or international form). */
export function samePhone(agentReply: string, goalPhone: string): boolean {
  const pair = lineUp(readBackPhone(agentReply) ?? '', goalPhone);
  if (!pair) return false;
  const [long, short] =
    pair.heard.length >= pair.goal.length ? [pair.heard, pair.goal] : [pair.goal, pair.heard];
  // The longer may carry a country code of up to three digits in front.
  return long.endsWith(short) && long.length - short.length <= 3;
}

/**
 * The goal's digits for the one group of the read-back ("061 230 5678") that is wrong, as a
 * caller corrects a number ("two three four"); undefined when the lengths differ or more than
 * one group is wrong (then the caller says the whole number).
 */
export function wrongPart(readBack: string | undefined, goalPhone: string): string[] | undefined {
  if (!readBack) return undefined;
  const pair = lineUp(readBack, goalPhone);
  if (!pair) return undefined;
  const { heard } = pair;
  const goal = pair.goal.slice(-heard.length);
  if (pair.goal.length < heard.length || pair.goal.length - heard.length > 3) return undefined;
  // The groups as said, by their positions in `heard` (which may have lost a leading zero).
  const groups = readBack.replace(/^\+/, '').split(/\s+/);
  const skip = groups.join('').length - heard.length;
  const wrong: string[][] = [];
  let at = -skip;
  for (const group of groups) {
    const from = Math.max(at, 0);
    const to = at + group.length;
    // A trunk zero the comparison dropped is still said with its group.
    const lead = at < 0 ? group.slice(0, -at) : '';
    if (heard.slice(from, to) !== goal.slice(from, to))
      wrong.push([...lead, ...goal.slice(from, to)]);
    at = to;
  }
  return wrong.length === 1 ? wrong[0] : undefined;
}

/** Whether `phrase` is in `text` as whole words ("hot," and "hot." count, "shot" does not). */
export function saysPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

function countIn(text: string): number | undefined {
  const match = /\b(\d+|one|two|three|four|five|six)\b/.exec(text.toLowerCase());
  if (!match) return undefined;
  return COUNT_WORDS[match[1]!] ?? Number(match[1]);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}
