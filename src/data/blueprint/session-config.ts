/**
 * Blueprint + tenant overlay + runtime policy → one validated, deeply frozen, versioned
 * configuration. A session pins it at start: a blueprint promoted mid-call never changes a
 * running conversation.
 */
import { createHash } from 'node:crypto';
import { parseContract } from '../../contracts/common/contract-violation.ts';
import type {
  IntentDefinition,
  SectorBlueprint as SectorBlueprintShape,
  SectorBlueprintInput,
  TenantOverlayInput,
} from './schema.ts';
import { RuntimePolicy, SectorBlueprint, TenantOverlay } from './schema.ts';
import type { RuntimePolicyInput } from './schema.ts';

/** What the dialogue manager reads; never mutated after {@link composeSessionConfig}. */
export interface SessionConfig {
  /** `restaurant/v1@2+<overlay hash>`: identifies exactly this merged configuration. */
  readonly version: string;
  readonly blueprint: {
    readonly id: string;
    readonly version: number;
    readonly intents: readonly Readonly<IntentDefinition>[];
    readonly validation: readonly string[];
  };
  readonly overlay: Readonly<TenantOverlay>;
  readonly repair: Readonly<SectorBlueprintShape['repair']>;
  readonly confirmation: Readonly<SectorBlueprintShape['confirmation']>;
  readonly escalation: Readonly<SectorBlueprintShape['escalation']> & {
    readonly humanAvailable: boolean;
  };
  readonly runtime: Readonly<SectorBlueprintShape['runtime']>;
}

/** Freezes `value` and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Validates the three layers (throws `ContractViolationError` with paths) and merges them. */
export function composeSessionConfig(
  blueprintInput: SectorBlueprintInput,
  overlayInput: TenantOverlayInput,
  runtimeInput: RuntimePolicyInput = {},
): SessionConfig {
  const blueprint = parseContract('sector blueprint', SectorBlueprint, blueprintInput);
  const overlay = parseContract('tenant overlay', TenantOverlay, overlayInput);
  const runtime = parseContract('runtime policy', RuntimePolicy, runtimeInput);
  const overlayHash = createHash('sha256')
    .update(JSON.stringify([overlay, runtime]))
    .digest('hex')
    .slice(0, 12);
  return deepFreeze({
    version: `${blueprint.id}@${blueprint.version}+${overlayHash}`,
    blueprint: {
      id: blueprint.id,
      version: blueprint.version,
      intents: blueprint.intents,
      validation: blueprint.validation,
    },
    overlay,
    repair: blueprint.repair,
    confirmation: {
      ...blueprint.confirmation,
      readBackPhone: runtime.readBackPhone ?? blueprint.confirmation.readBackPhone,
      confirmQuantityAbove:
        runtime.confirmQuantityAbove ?? blueprint.confirmation.confirmQuantityAbove,
    },
    escalation: { ...blueprint.escalation, humanAvailable: runtime.humanAvailable },
    runtime: {
      bargeIn: runtime.bargeIn ?? blueprint.runtime.bargeIn,
      vadHangoverMs: runtime.vadHangoverMs ?? blueprint.runtime.vadHangoverMs,
      maxTurns: runtime.maxTurns ?? blueprint.runtime.maxTurns,
      silenceTimeoutMs: runtime.silenceTimeoutMs ?? blueprint.runtime.silenceTimeoutMs,
      turnLatencyBudgetMs: blueprint.runtime.turnLatencyBudgetMs,
    },
  });
}
