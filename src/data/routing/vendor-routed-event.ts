/**
 * The `VendorRouted` v1 event payload for a route. The published v1 payload carries the primary
 * of each stage and the policy; the fallbacks and the skip reasons are in the `VendorRoute`
 * itself (contract `routing/vendor-route.v1`), which the orchestrator stores in the session
 * metadata — v1 is immutable, so they are not squeezed into the event.
 */
import { VendorRoutedPayload } from '../../contracts/events/index.ts';
import type { StageRoute, VendorRoute } from '../../contracts/routing/index.ts';

export function vendorRoutedPayload(route: VendorRoute): VendorRoutedPayload {
  const primary = (stage: StageRoute) => {
    const chosen = stage.candidates[0]!;
    return { chosen, choice: { provider: chosen.vendor, model: chosen.model } };
  };
  const tts = primary(route.tts);
  return VendorRoutedPayload.parse({
    locale: route.locale,
    asr: primary(route.asr).choice,
    llm: primary(route.llm).choice,
    tts: { ...tts.choice, voice: tts.chosen.voice ?? null },
    policy_id: route.policy_id,
  });
}
