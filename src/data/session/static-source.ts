/** A location data source held in memory: `voxeron call --menu FILE`, tests, the simulator. */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { KitchenStatus } from '../../contracts/tools/index.ts';
import type { LocationDataSource } from './tool-runner.ts';

export interface StaticKitchen {
  state: 'accepting' | 'paused';
  pickupWaitMinutes: number;
  deliveryWaitMinutes: number | null;
  unavailableItemIds: string[];
}

/** Minutes a delivery takes on top of the kitchen's wait, when only that wait is given. */
export const DELIVERY_TRAVEL_MINUTES = 15;

export class StaticLocationSource implements LocationDataSource {
  private revision = 1;
  private kitchen: StaticKitchen;
  /** When set, every tool call fails with it (to test tool-error handling). */
  failWith: Error | undefined;

  constructor(
    private menu: MenuV1,
    private readonly locationId: string,
    kitchen: Partial<StaticKitchen> = {},
    private readonly clockNow: () => Date = () => new Date(),
  ) {
    const pickupWaitMinutes = kitchen.pickupWaitMinutes ?? 20;
    this.kitchen = {
      state: 'accepting',
      pickupWaitMinutes,
      deliveryWaitMinutes: menu.fulfilment.delivery.enabled
        ? pickupWaitMinutes + DELIVERY_TRAVEL_MINUTES
        : null,
      unavailableItemIds: [],
      ...kitchen,
    };
  }

  setMenu(menu: MenuV1): void {
    this.menu = menu;
    this.revision++;
  }

  setKitchen(change: Partial<StaticKitchen>): void {
    this.kitchen = { ...this.kitchen, ...change };
  }

  getMenu(): Promise<unknown> {
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve({
      location_id: this.locationId,
      revision: this.revision,
      updated_at: this.clockNow().toISOString(),
      menu: this.menu,
    });
  }

  getKitchenStatus(): Promise<unknown> {
    if (this.failWith) return Promise.reject(this.failWith);
    const status: KitchenStatus = {
      location_id: this.locationId,
      state: this.kitchen.state,
      pickup_wait_minutes: this.kitchen.pickupWaitMinutes,
      delivery_wait_minutes: this.kitchen.deliveryWaitMinutes,
      unavailable_item_ids: this.kitchen.unavailableItemIds,
      updated_at: this.clockNow().toISOString(),
    };
    return Promise.resolve(status);
  }
}
