/** Everything one turn of the dialogue manager may read besides the state. */
import type { MenuV1, OpeningHoursV1 } from '../../contracts/menu/index.ts';
import type { KitchenStatus } from '../../contracts/tools/index.ts';
import type { SessionConfig } from '../blueprint/index.ts';
import type { MenuLexicon } from '../understanding/index.ts';

export interface TurnContext {
  config: SessionConfig;
  menu: MenuV1;
  lexicon: MenuLexicon;
  kitchen: KitchenStatus;
  now: Date;
}

export interface DeliverySettings {
  enabled: boolean;
  postcodes: readonly string[];
  /** Currency units, as the menu writes them. */
  minimumOrder: number;
  fee: number;
}

/** The overlay's delivery settings when it has them, else the menu's. */
export function deliverySettings(context: TurnContext): DeliverySettings {
  return context.config.overlay.delivery ?? context.menu.fulfilment.delivery;
}

export function effectiveHours(context: TurnContext): readonly OpeningHoursV1[] {
  return context.config.overlay.hours ?? context.menu.hours;
}
