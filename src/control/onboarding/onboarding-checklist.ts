import { z } from 'zod';
import { EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS } from '../../contracts/edge/protocol.ts';
import type { TenantTx } from '../../platform/db/index.ts';

/** The §15 onboarding flow, in order. */
export const OnboardingStep = z.enum([
  'provision',
  'number_forwarding',
  'menu',
  'edge_connectivity',
  'shadow_mode',
  'hybrid_overflow',
]);
export type OnboardingStep = z.infer<typeof OnboardingStep>;

/** Steps nobody can observe from here (the carrier's forwarding, a shadow week): a person confirms. */
export const ConfirmableStep = z.enum(['number_forwarding', 'shadow_mode']);
export type ConfirmableStep = z.infer<typeof ConfirmableStep>;

export const OnboardingStepStatus = z
  .strictObject({
    step: OnboardingStep,
    /** `needs_confirmation`: what can be checked is done, a person must still confirm. */
    status: z.enum(['done', 'todo', 'needs_confirmation']),
    detail: z.string(),
    confirmedBy: z.string().nullable(),
    confirmedAt: z.string().meta({ format: 'date-time' }).nullable(),
  })
  .meta({ id: 'OnboardingStepStatus' });
export type OnboardingStepStatus = z.infer<typeof OnboardingStepStatus>;

export const OnboardingChecklist = z
  .strictObject({
    locationId: z.uuid(),
    steps: z.array(OnboardingStepStatus),
    /** The first step not done, `null` when the location is fully onboarded. */
    next: OnboardingStep.nullable(),
  })
  .meta({ id: 'OnboardingChecklist' });
export type OnboardingChecklist = z.infer<typeof OnboardingChecklist>;

/** Online: enrolled and heard from within three default heartbeats (as the link server counts). */
const edgeOnlineWithinMs = 3 * EDGE_DEFAULT_HEARTBEAT_INTERVAL_MS;

interface Facts {
  routes: number;
  menu_version: number | null;
  menu_items: number;
  devices_enrolled: number;
  devices_online: number;
  overflow_enabled: boolean;
  overflow_switched_off: boolean;
}

/**
 * Each step's status from the location's real state (routes, the active menu, edge devices'
 * last heartbeat, the overflow setting and kill switches) plus the confirmations people gave.
 * `undefined` when the location does not exist.
 */
export async function onboardingChecklist(
  tx: TenantTx,
  locationId: string,
): Promise<OnboardingChecklist | undefined> {
  const facts = await tx.query<Facts>(
    `select
       (select count(*)::int from routes r where r.location_id = l.id and r.enabled) as routes,
       (select m.version from menus m where m.location_id = l.id and m.active) as menu_version,
       (select count(*)::int from menu_items i join menus m on m.id = i.menu_id and m.tenant_id = i.tenant_id
          where m.location_id = l.id and m.active) as menu_items,
       (select count(*)::int from edge_devices d where d.location_id = l.id and d.status = 'enrolled') as devices_enrolled,
       (select count(*)::int from edge_devices d where d.location_id = l.id and d.status = 'enrolled'
          and d.last_seen_at > now() - make_interval(secs => $2::double precision / 1000)) as devices_online,
       l.overflow_enabled,
       exists (select 1 from tenant_kill_switches k where k.kind = 'overflow_off' and k.cleared_at is null
          and (k.location_id is null or k.location_id = l.id)) as overflow_switched_off
     from tenant_locations l where l.id = $1`,
    [locationId, edgeOnlineWithinMs],
  );
  const f = facts.rows[0];
  if (!f) return undefined;
  const confirmations = await tx.query<{
    step: ConfirmableStep;
    confirmed_by: string;
    confirmed_at: Date;
  }>(
    'select step, confirmed_by, confirmed_at from onboarding_confirmations where location_id = $1',
    [locationId],
  );
  const confirmed = new Map(confirmations.rows.map((row) => [row.step, row]));
  const step = (
    name: OnboardingStep,
    status: OnboardingStepStatus['status'],
    detail: string,
  ): OnboardingStepStatus => {
    const confirmation = confirmed.get(name as ConfirmableStep);
    return {
      step: name,
      status,
      detail,
      confirmedBy: confirmation?.confirmed_by ?? null,
      confirmedAt: confirmation?.confirmed_at.toISOString() ?? null,
    };
  };
  const manual = (name: ConfirmableStep, ready: boolean, todo: string, waiting: string) =>
    step(
      name,
      !ready ? 'todo' : confirmed.has(name) ? 'done' : 'needs_confirmation',
      !ready ? todo : confirmed.has(name) ? 'confirmed' : waiting,
    );
  const steps = [
    step('provision', 'done', 'the tenant and the location exist'),
    manual(
      'number_forwarding',
      f.routes > 0,
      'add a route (the number the restaurant forwards to)',
      `${f.routes} route(s); confirm the carrier forwards overflow calls to them`,
    ),
    f.menu_version === null
      ? step('menu', 'todo', 'import a menu (it is validated on import)')
      : step('menu', 'done', `menu version ${f.menu_version} active, ${f.menu_items} item(s)`),
    f.devices_online > 0
      ? step('edge_connectivity', 'done', `${f.devices_online} edge device(s) online`)
      : step(
          'edge_connectivity',
          'todo',
          f.devices_enrolled > 0
            ? `${f.devices_enrolled} device(s) enrolled, none online`
            : 'enroll an edge device (voxeron edge code)',
        ),
    manual(
      'shadow_mode',
      f.menu_version !== null,
      'import the menu first',
      'run in shadow mode, then confirm the results',
    ),
    f.overflow_switched_off
      ? step('hybrid_overflow', 'todo', 'an overflow_off kill switch is on')
      : f.overflow_enabled
        ? step('hybrid_overflow', 'done', 'overflow is on')
        : step('hybrid_overflow', 'todo', 'turn overflow on (PUT …/overflow)'),
  ];
  return {
    locationId,
    steps,
    next: steps.find((s) => s.status !== 'done')?.step ?? null,
  };
}
