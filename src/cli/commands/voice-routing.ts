/**
 * Vendor routing for `voxeron call --voice` (blueprint §5, ADR 0011): per call the route from
 * `routeVendors` — the `model_policies` rows and the tenant's tier/sector/locale when the call
 * runs against a tenant in the database, else the built-in defaults; vendors a `vendor_off`
 * kill switch turned off and vendors this machine has no credentials for left out — then the
 * providers of the route's candidates from a small registry, behind `FailoverAsr`/`FailoverTts`
 * when a stage has more than one, and the `VendorRouted` event for the session (and a
 * `VendorFailover` event for each failover, through a `VendorFailoverRecorder`).
 *
 * Vendor API keys are read from the vendors' own variables (`DEEPGRAM_API_KEY`,
 * `ELEVENLABS_API_KEY`), not VOXERON_* ones: `loadConfig` rejects unknown VOXERON_* names.
 */
import path from 'node:path';
import type { VendorFailoverPayload } from '../../contracts/events/index.ts';
import { ModelPolicy } from '../../contracts/routing/index.ts';
import type {
  PipelineStage,
  RoutedCandidate,
  StageRoute,
  TenantTier,
  VendorRoute,
} from '../../contracts/routing/index.ts';
import type { AsrProvider } from '../../data/pipeline/asr/asr-provider.ts';
import type { TtsProvider } from '../../data/pipeline/tts/tts-provider.ts';
import {
  FailoverAsr,
  FailoverTts,
  ProviderHealth,
  failoverCandidates,
  routeVendors,
  vendorRoutedPayload,
} from '../../data/routing/index.ts';
import type { FailoverEvent, ProviderHealthView } from '../../data/routing/index.ts';
import type { SessionConfig } from '../../data/blueprint/index.ts';
import type { SessionRef } from '../../data/session/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { appendEvent } from '../../platform/db/outbox.ts';
import { DeepgramAsrProvider } from '../../providers/asr/deepgram/deepgram-asr-provider.ts';
import { DomainLanguageModels } from '../../providers/asr/pocketsphinx/domain-language-model.ts';
import { PocketsphinxAsr } from '../../providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import { ElevenLabsTtsProvider } from '../../providers/tts/elevenlabs/elevenlabs-tts-provider.ts';
import { EspeakNgTts } from '../../providers/tts/espeak-ng/espeak-ng-tts.ts';

/** Credentials of the cloud vendors; absent or blank means the vendor is not configured. */
export interface VendorKeys {
  deepgramApiKey?: string | undefined;
  elevenLabsApiKey?: string | undefined;
}

/** The vendor-standard variables: `DEEPGRAM_API_KEY`, `ELEVENLABS_API_KEY`. */
export function vendorKeysFromEnv(env: NodeJS.ProcessEnv = process.env): VendorKeys {
  return { deepgramApiKey: env.DEEPGRAM_API_KEY, elevenLabsApiKey: env.ELEVENLABS_API_KEY };
}

/** How one vendor of a stage is made from a routed candidate. */
export interface VendorFactory<Provider> {
  /** Why the vendor cannot be used on this machine (no API key); undefined when it can. */
  unavailable: string | undefined;
  create(candidate: RoutedCandidate): Provider;
}

/** The vendors this process can run, per stage. The LLM stage is the rules engine only. */
export interface VoiceProviderRegistry {
  asr: ReadonlyMap<string, VendorFactory<AsrProvider>>;
  tts: ReadonlyMap<string, VendorFactory<TtsProvider>>;
}

export interface VoiceRegistryOptions {
  keys?: VendorKeys;
  /** Where pocketsphinx caches the menu language models. @default VOXERON_DATA_DIR or .voxeron */
  dataDir?: string;
  /** Test seam: the factories to use instead of (or besides) the real ones. */
  overrides?: {
    asr?: Record<string, VendorFactory<AsrProvider>>;
    tts?: Record<string, VendorFactory<TtsProvider>>;
  };
}

const missingKey = (variable: string) => `${variable} is not set`;
const present = (value: string | undefined) => value !== undefined && value.trim() !== '';

export function createVoiceProviderRegistry(
  options: VoiceRegistryOptions = {},
): VoiceProviderRegistry {
  const keys = options.keys ?? vendorKeysFromEnv();
  const dataDir = path.resolve(options.dataDir ?? process.env.VOXERON_DATA_DIR ?? '.voxeron');
  const deepgramKey = keys.deepgramApiKey;
  const elevenLabsKey = keys.elevenLabsApiKey;
  const asr = new Map<string, VendorFactory<AsrProvider>>([
    [
      'pocketsphinx',
      {
        unavailable: undefined,
        // The route's model names the acoustic model the adapter already defaults to.
        create: () => new PocketsphinxAsr({ domainModels: new DomainLanguageModels({ dataDir }) }),
      },
    ],
    [
      'deepgram',
      {
        unavailable: present(deepgramKey) ? undefined : missingKey('DEEPGRAM_API_KEY'),
        create: (candidate) =>
          new DeepgramAsrProvider({ apiKey: deepgramKey ?? '', model: candidate.model }),
      },
    ],
    ...Object.entries(options.overrides?.asr ?? {}),
  ]);
  const tts = new Map<string, VendorFactory<TtsProvider>>([
    ['espeak-ng', { unavailable: undefined, create: () => new EspeakNgTts() }],
    [
      'elevenlabs',
      {
        unavailable: present(elevenLabsKey) ? undefined : missingKey('ELEVENLABS_API_KEY'),
        create: (candidate) =>
          new ElevenLabsTtsProvider({
            apiKey: elevenLabsKey ?? '',
            modelId: candidate.model,
            ...(candidate.voice === undefined ? {} : { defaultVoiceId: candidate.voice }),
          }),
      },
    ],
    ...Object.entries(options.overrides?.tts ?? {}),
  ]);
  return { asr, tts };
}

/** The local rules engine is the voice CLI's only dialogue policy. */
const llmVendors: ReadonlySet<string> = new Set(['rules']);

/**
 * Why `vendor` cannot be used by this process, or undefined when it can: no API key, or no
 * adapter for it in the voice CLI (e.g. `cartesia`, `openai-compatible`).
 */
export function vendorUnavailable(
  registry: VoiceProviderRegistry,
  vendor: string,
): string | undefined {
  if (llmVendors.has(vendor)) return undefined;
  const factories = [registry.asr.get(vendor), registry.tts.get(vendor)].filter(
    (factory) => factory !== undefined,
  );
  if (factories.length === 0) return 'no adapter in the voice CLI';
  return factories.find((factory) => factory.unavailable === undefined)
    ? undefined
    : factories[0]!.unavailable;
}

/** What the route is decided on: the tenant's traits, or the defaults of a call without one. */
export interface VoiceRoutingTraits {
  tenantId?: string;
  tier: TenantTier;
  sector: string;
  locale: string;
}

export interface VoiceRouteInput {
  traits: VoiceRoutingTraits;
  /** `model_policies` rows; none without a database (the built-in defaults route). */
  policies: readonly ModelPolicy[];
  /** `RuntimeControls` or a `RuntimeSnapshot`; absent without a database. */
  controls?: { isVendorOff(vendor: string, tenantId?: string): boolean };
  registry: VoiceProviderRegistry;
  health?: ProviderHealthView;
}

/** The route of one call; `NoVendorRouteError` when a stage has nothing left to use. */
export function buildVoiceRoute(input: VoiceRouteInput): VendorRoute {
  const { traits, controls, registry } = input;
  return routeVendors({
    tenantTier: traits.tier,
    locale: traits.locale,
    sector: traits.sector,
    policies: input.policies,
    health: input.health ?? new ProviderHealth(),
    ...(controls
      ? { disabledVendors: (v: string) => controls.isVendorOff(v, traits.tenantId) }
      : {}),
    configuredVendors: (vendor) => vendorUnavailable(registry, vendor) === undefined,
  });
}

/** `en` → `en-US`, `nl` → `nl-NL`: the session language of a call without a tenant locale. */
const regionOf: Record<string, string> = { en: 'en-US', nl: 'nl-NL' };

/** Traits of a call without a database: the session config's first language, standard tier. */
export function localRoutingTraits(config: SessionConfig): VoiceRoutingTraits {
  const language = config.overlay.languages[0] ?? 'en';
  return { tier: 'standard', sector: 'horeca', locale: regionOf[language] ?? 'en-US' };
}

/** The tenant's tier, sector and first locale (the call's language). */
export async function loadTenantRoutingTraits(
  db: Database,
  tenantId: string,
  signal?: AbortSignal,
): Promise<VoiceRoutingTraits | undefined> {
  const found = await db.withTenant(
    tenantId,
    (tx) =>
      tx.query<{ tier: TenantTier; sector: string; locales: string[] }>(
        'select tier, sector, locales from tenants where id = $1',
        [tenantId],
      ),
    signal ? { signal } : {},
  );
  const row = found.rows[0];
  if (!row) return undefined;
  return { tenantId, tier: row.tier, sector: row.sector, locale: row.locales[0] ?? 'en-US' };
}

/** Every `model_policies` row, validated against the routing contract. */
export async function loadModelPolicies(
  db: Database,
  signal?: AbortSignal,
): Promise<ModelPolicy[]> {
  const rows = await db.withoutTenant(
    (tx) =>
      tx.query<Record<string, unknown>>(
        'select id, name, priority, match, routing, enabled from model_policies order by priority, name',
      ),
    signal ? { signal } : {},
  );
  return rows.rows.map((row) => ModelPolicy.parse(row));
}

export interface RoutedVoiceProviders {
  asr: AsrProvider;
  tts: TtsProvider;
  health: ProviderHealth;
}

export interface RoutedProvidersOptions {
  health?: ProviderHealth;
  onFailover?: (event: FailoverEvent) => void;
}

/** The providers of the route's ASR and TTS candidates, one vendor or a failover chain. */
export function routedVoiceProviders(
  route: VendorRoute,
  registry: VoiceProviderRegistry,
  options: RoutedProvidersOptions = {},
): RoutedVoiceProviders {
  const health = options.health ?? new ProviderHealth();
  const resolve =
    <Provider>(factories: ReadonlyMap<string, VendorFactory<Provider>>) =>
    (candidate: RoutedCandidate) => {
      const factory = factories.get(candidate.vendor);
      return factory && factory.unavailable === undefined ? factory.create(candidate) : undefined;
    };
  const failover = {
    health,
    ...(options.onFailover ? { onFailover: options.onFailover } : {}),
  };
  const asrCandidates = failoverCandidates('asr', route.asr, resolve(registry.asr));
  const ttsCandidates = failoverCandidates('tts', route.tts, resolve(registry.tts));
  const asr =
    asrCandidates.length === 1
      ? asrCandidates[0]!.provider
      : new FailoverAsr({
          ...failover,
          candidates: asrCandidates,
          gapTimeoutMs: route.asr.gap_timeout_ms,
        });
  const tts =
    ttsCandidates.length === 1
      ? ttsCandidates[0]!.provider
      : new FailoverTts({
          ...failover,
          candidates: ttsCandidates,
          gapTimeoutMs: route.tts.gap_timeout_ms,
        });
  return { asr, tts, health };
}

/**
 * Appends `VendorRouted` for the session and keeps the whole route (fallbacks, skip reasons,
 * caps) in the session row's `routing` column, in one transaction.
 */
export async function recordVendorRouted(
  db: Database,
  session: SessionRef,
  route: VendorRoute,
  signal?: AbortSignal,
): Promise<void> {
  await db.withTenant(
    session.tenantId,
    async (tx) => {
      await appendEvent(tx, {
        type: 'VendorRouted',
        payload: vendorRoutedPayload(route),
        sessionId: session.sessionId,
        correlationId: session.correlationId,
      });
      await tx.query('update sessions set routing = $2 where id = $1', [
        session.sessionId,
        JSON.stringify(route),
      ]);
    },
    signal ? { signal } : {},
  );
}

/** Appends one `VendorFailover` event for the session: a `VendorFailoverRecorder`'s sink. */
export async function recordVendorFailover(
  db: Database,
  session: SessionRef,
  payload: VendorFailoverPayload,
  signal?: AbortSignal,
): Promise<void> {
  await db.withTenant(
    session.tenantId,
    (tx) =>
      appendEvent(tx, {
        type: 'VendorFailover',
        payload,
        sessionId: session.sessionId,
        correlationId: session.correlationId,
      }),
    signal ? { signal } : {},
  );
}

const stages: readonly PipelineStage[] = ['asr', 'llm', 'tts'];

const candidateName = (candidate: { vendor: string; model: string }) =>
  `${candidate.vendor}/${candidate.model}`;

/** The route as the CLI prints it: the policy, then per stage the vendors and the skipped ones. */
export function describeRoute(route: VendorRoute, registry: VoiceProviderRegistry): string[] {
  const lines = [
    `route: ${route.policy_name}${route.policy_id === null ? ' (built-in)' : ''}, locale ${route.locale}`,
  ];
  for (const stage of stages) {
    const stageRoute: StageRoute = route[stage];
    const skipped = stageRoute.skipped.map((skip) => {
      const why =
        skip.reason === 'not_configured' ? vendorUnavailable(registry, skip.vendor) : undefined;
      return `${candidateName(skip)} ${skip.reason}${why ? ` (${why})` : ''}`;
    });
    lines.push(
      `  ${stage}: ${stageRoute.candidates.map(candidateName).join(' → ')}` +
        (skipped.length > 0 ? `; skipped: ${skipped.join(', ')}` : ''),
    );
  }
  return lines;
}

/** The route in `--json`: primaries per stage, the policy, and the full route. */
export function routeSummary(route: VendorRoute, registry: VoiceProviderRegistry) {
  const primary = (stage: PipelineStage) => route[stage].candidates[0]!.vendor;
  return {
    vendors: { asr: primary('asr'), llm: primary('llm'), tts: primary('tts') },
    policy: { id: route.policy_id, name: route.policy_name },
    not_configured: Object.fromEntries(
      stages
        .flatMap((stage) => route[stage].skipped)
        .filter((skip) => skip.reason === 'not_configured')
        .map((skip) => [skip.vendor, vendorUnavailable(registry, skip.vendor) ?? null]),
    ),
    route,
  };
}
