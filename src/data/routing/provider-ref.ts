import type { PipelineStage } from '../../contracts/routing/index.ts';

/** One vendor model serving one stage: the unit health is tracked and routed by. */
export interface ProviderRef {
  stage: PipelineStage;
  vendor: string;
  model: string;
}

/** `tts:espeak-ng/espeak-ng`: a map key and a readable name in logs and callbacks. */
export function providerKey(ref: ProviderRef): string {
  return `${ref.stage}:${ref.vendor}/${ref.model}`;
}
