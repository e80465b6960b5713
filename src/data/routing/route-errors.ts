import type { PipelineStage } from '../../contracts/routing/index.ts';
import { Retry, VoxeronError } from '../../platform/errors.ts';

/**
 * No provider can serve a stage: every candidate is killed, unconfigured or does not speak the
 * locale, and the local provider cannot stand in. The session escalates to a human; routing
 * again gives the same answer until the configuration changes.
 */
export class NoVendorRouteError extends VoxeronError {
  readonly code = 'no_vendor_route';
  readonly retry = Retry.never;
  constructor(
    readonly stage: PipelineStage,
    locale: string,
  ) {
    super(`no ${stage} provider can serve locale ${locale}`, { details: { stage, locale } });
  }
}
