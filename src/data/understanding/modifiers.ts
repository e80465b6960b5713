/**
 * Applying one spoken modifier to an order line, by the menu's rules: the group must be on the
 * item, removals need a removable group or an included option, qualifiers need the group to
 * allow them, and a single-choice group keeps only the last choice.
 */
import type { ModifierGroupV1, ModifierQualifier } from '../../contracts/menu/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';
import type { ItemInfo } from './lexicon.ts';

const STANDARD_WORDS = /\b(regular|normal|standard|whole|plain|classic|original|usual)\b/;
const NEGATIVE_WORDS = /^(no|none|without|geen)\b/;

/** Adds or removes `optionId` of `group` on `line`; false when the menu does not allow it. */
export function applyModifier(
  line: OrderLine,
  info: ItemInfo,
  group: ModifierGroupV1,
  optionId: string,
  action: 'add' | 'remove',
  qualifier: ModifierQualifier | undefined,
): boolean {
  if (!info.groupIds.has(group.id) || group.kind === 'size') return false;
  if (action === 'remove' && !group.removable && !info.includes.has(optionId)) return false;
  const usableQualifier =
    action === 'add' && qualifier !== undefined && group.qualifiers.includes(qualifier)
      ? qualifier
      : undefined;
  line.modifiers = line.modifiers.filter(
    (modifier) =>
      !(modifier.group === group.id && modifier.option === optionId) &&
      !(
        group.max === 1 &&
        action === 'add' &&
        modifier.group === group.id &&
        modifier.action === 'add'
      ),
  );
  line.modifiers.push({
    group: group.id,
    option: optionId,
    action,
    ...(usableQualifier ? { qualifier: usableQualifier } : {}),
  });
  return true;
}

/**
 * The option a caller means by naming only the group ("with milk"): the default, else the
 * standard one, else the only one. Otherwise none: "with salad" or "with sauce" does not say
 * which, and guessing the first option invents a choice the caller never made.
 */
export function groupDefaultOption(group: ModifierGroupV1): string | undefined {
  if (group.default !== undefined) return group.default;
  const standard = group.options.find((option) =>
    [option.name, ...option.aliases].some((phrase) => STANDARD_WORDS.test(phrase.toLowerCase())),
  );
  if (standard) return standard.id;
  const choices = group.options.filter((option) => !NEGATIVE_WORDS.test(option.name.toLowerCase()));
  return choices.length === 1 ? choices[0]!.id : undefined;
}

/** Applies a qualifier or removal to what the line already has of a group, else the default. */
export function applyToGroup(
  line: OrderLine,
  info: ItemInfo,
  group: ModifierGroupV1,
  action: 'add' | 'remove',
  qualifier: ModifierQualifier | undefined,
): boolean {
  if (!info.groupIds.has(group.id) || group.kind === 'size') return false;
  const existing = line.modifiers.filter(
    (modifier) => modifier.group === group.id && modifier.action === 'add',
  );
  if (existing.length > 0 && (qualifier !== undefined || action === 'remove')) {
    for (const modifier of existing)
      applyModifier(line, info, group, modifier.option, action, qualifier);
    return true;
  }
  if (action === 'remove') {
    // "no dressing" on a group that offers a "no dressing" choice picks that choice.
    const none = group.options.find((option) =>
      [option.name, ...option.aliases].some((phrase) => NEGATIVE_WORDS.test(phrase.toLowerCase())),
    );
    if (none && !info.includes.has(none.id))
      return applyModifier(line, info, group, none.id, 'add', undefined);
    const included = group.options.filter((option) => info.includes.has(option.id));
    for (const option of included) applyModifier(line, info, group, option.id, 'remove', undefined);
    return included.length > 0;
  }
  const fallback = groupDefaultOption(group);
  return fallback !== undefined && applyModifier(line, info, group, fallback, action, qualifier);
}
