import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterTicket, PrinterTicketModifier } from '../../contracts/tools/index.ts';

/** Characters per line on an 80 mm printer with font A. */
export const TICKET_COLUMNS = 42;

/** Fixed ticket words per language; a locale without its own falls back to English. */
const labels = {
  en: {
    order: 'ORDER',
    pickup: 'PICKUP',
    delivery: 'DELIVERY',
    asap: 'ASAP',
    ordered: 'Ordered',
    no: 'NO',
    extra: 'EXTRA',
    light: 'LIGHT',
    note: 'NOTE',
    customer: 'Customer',
    phone: 'Phone',
    reprint: '** REPRINT - CHECK FOR DUPLICATE **',
  },
  nl: {
    order: 'BESTELLING',
    pickup: 'AFHALEN',
    delivery: 'BEZORGEN',
    asap: 'Z.S.M.',
    ordered: 'Besteld',
    no: 'GEEN',
    extra: 'EXTRA',
    light: 'WEINIG',
    note: 'OPMERKING',
    customer: 'Klant',
    phone: 'Telefoon',
    reprint: '** HERDRUK - CONTROLEER OP DUBBEL **',
  },
} as const;
type Labels = (typeof labels)[keyof typeof labels];

function labelsFor(locale: string): Labels {
  const language = locale.slice(0, 2).toLowerCase();
  return language === 'nl' ? labels.nl : labels.en;
}

/** "19:30" from an ISO date-time, in the offset it was written with (the restaurant's). */
function clockTime(isoDateTime: string): string {
  const match = /T(\d{2}:\d{2})/.exec(isoDateTime);
  return match?.[1] ?? isoDateTime;
}

function modifierText(modifier: PrinterTicketModifier, words: Labels): string {
  const name = modifier.name.toUpperCase();
  if (modifier.action === 'remove') return `${words.no} ${name}`;
  const word = modifier.qualifier === undefined ? '' : words[modifier.qualifier];
  // "extra cheese" with qualifier extra prints once: "+ EXTRA CHEESE".
  const qualifier = word === '' || name.startsWith(`${word} `) ? '' : `${word} `;
  return `+ ${qualifier}${name}`;
}

export interface TicketLayoutOptions {
  /** Prints a banner: this ticket may have printed before (outcome of an earlier try unknown). */
  reprint?: boolean;
  columns?: number;
}

/**
 * The kitchen ticket as ESC/POS bytes. Removals print inverted and bold ("NO ONIONS") so a
 * cook never reads them as an extra; order number and fulfilment print double size.
 */
export function encodeTicket(ticket: PrinterTicket, options: TicketLayoutOptions = {}): Uint8Array {
  const words = labelsFor(ticket.locale);
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: options.columns ?? TICKET_COLUMNS,
    newline: '\n',
  });
  let out = encoder.initialize().codepage('auto');
  if (options.reprint) out = out.align('center').invert(true).line(words.reprint).invert(false);
  const when = ticket.requested_time === 'asap' ? words.asap : clockTime(ticket.requested_time);
  const fulfilment = ticket.fulfilment.type === 'pickup' ? words.pickup : words.delivery;
  out = out
    .align('center')
    .bold(true)
    .line(ticket.restaurant_name)
    .bold(false)
    .size(2, 2)
    .line(`${words.order} ${ticket.order_reference}`)
    .line(`${fulfilment} ${when}`)
    .size(1, 1)
    .line(`${words.ordered} ${clockTime(ticket.ordered_at)}`)
    .align('left')
    .rule();
  for (const line of ticket.lines) {
    const details = [line.size_name, line.variant_name].filter((part) => part !== undefined);
    const suffix = details.length > 0 ? ` (${details.join(', ')})` : '';
    out = out.bold(true).line(`${line.quantity}x ${line.name}${suffix}`).bold(false);
    for (const modifier of line.modifiers) {
      const text = `   ${modifierText(modifier, words)}`;
      out =
        modifier.action === 'remove'
          ? out.bold(true).invert(true).line(text).invert(false).bold(false)
          : out.line(text);
    }
    if (line.notes !== undefined) out = out.line(`   ${words.note}: ${line.notes}`);
  }
  out = out.rule();
  if (ticket.notes !== undefined)
    out = out.bold(true).line(`${words.note}: ${ticket.notes}`).bold(false);
  out = out.line(`${words.customer}: ${ticket.customer_name}`);
  if (ticket.fulfilment.type === 'delivery') {
    const address = ticket.fulfilment.address;
    out = out.line(address.street).line(`${address.postcode} ${address.city}`);
    if (address.instructions !== undefined) out = out.line(address.instructions);
  }
  if (ticket.customer_phone !== undefined) {
    out = out.line(`${words.phone}: ${ticket.customer_phone}`);
  }
  return out.newline(2).cut().encode();
}
