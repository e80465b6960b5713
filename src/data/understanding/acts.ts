/**
 * Dialogue acts: what one caller utterance does, independent of any dialogue state. The
 * dialogue manager decides what to do with them (see `applyEdit` for order corrections).
 */
import type { ModifierQualifier } from '../../contracts/menu/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';

export type Language = 'en' | 'nl';

/** Which existing order line an edit means. */
export type EditTarget =
  | { kind: 'last' }
  /** 1-based position in the order; -1 is the last line. */
  | { kind: 'ordinal'; index: number }
  | { kind: 'item'; itemId: string };

/** A modifier change whose group is resolved against the target line's item when applied. */
export interface ModifierChange {
  action: 'add' | 'remove';
  qualifier?: ModifierQualifier;
  /** Candidate (group, option) pairs the spoken phrase may mean; the first the item has wins. */
  options: { groupId: string; optionId: string }[];
  /** A group named without an option ("light on the syrup"). */
  groups: string[];
  /** "make it bbq sauce": the option takes the place of the group's earlier choices. */
  replace?: boolean;
}

export type EditAct =
  | { type: 'edit'; edit: 'set_quantity'; target: EditTarget; quantity: number; confidence: number }
  | {
      type: 'edit';
      edit: 'set_size';
      target: EditTarget;
      sizes: { groupId: string; optionId: string }[];
      confidence: number;
    }
  | {
      type: 'edit';
      edit: 'modify';
      target: EditTarget;
      changes: ModifierChange[];
      confidence: number;
    }
  | { type: 'edit'; edit: 'remove_item'; target: EditTarget; confidence: number }
  | {
      type: 'edit';
      edit: 'replace_item';
      target: EditTarget;
      lines: OrderLine[];
      confidence: number;
    };

export type QuestionTopic =
  'hours' | 'price' | 'menu' | 'availability' | 'wait_time' | 'delivery_area';

export type DialogueAct =
  | { type: 'add_items'; lines: OrderLine[]; confidence: number }
  | EditAct
  | { type: 'cancel_order'; confidence: number }
  | { type: 'finish_order'; confidence: number }
  | { type: 'affirm'; confidence: number }
  | { type: 'deny'; confidence: number }
  | { type: 'greeting'; language: Language; confidence: number }
  | { type: 'provide_name'; name: string; confidence: number }
  | { type: 'provide_phone'; phone: string; confidence: number }
  | {
      type: 'provide_address';
      street?: string;
      houseNumber?: string;
      postcode?: string;
      city?: string;
      text: string;
      confidence: number;
    }
  | { type: 'fulfilment'; method: 'pickup' | 'delivery'; confidence: number }
  | { type: 'time_request'; asap: boolean; at?: string; inMinutes?: number; confidence: number }
  | {
      type: 'question';
      topic: QuestionTopic;
      itemIds: string[];
      options: { groupId: string; optionId: string }[];
      postcode?: string;
      confidence: number;
    }
  | { type: 'speak_to_human'; confidence: number }
  | { type: 'off_menu'; phrase: string; confidence: number }
  | { type: 'unclear'; reason: 'empty' | 'no_meaning' | 'not_understood'; confidence: number };

export type DialogueActType = DialogueAct['type'];

/** The understanding of one utterance. */
export interface Understanding {
  /** New order lines (also in the `add_items` act). */
  lines: OrderLine[];
  acts: DialogueAct[];
  /** 0..1: how sure the whole reading is. */
  confidence: number;
  /** Guessed language of the utterance. */
  language: Language;
}
