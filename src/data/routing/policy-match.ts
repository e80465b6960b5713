import type { ModelPolicy, NoiseProfile, TenantTier } from '../../contracts/routing/index.ts';

export interface SessionTraits {
  tenantTier: TenantTier;
  locale: string;
  sector: string;
  /** Unknown: a policy that asks for a noise profile does not match. */
  noiseProfile?: NoiseProfile | undefined;
}

/**
 * Whether a listed locale covers the session's: `nl` covers `nl-NL` and `nl-BE`; `nl-BE` covers
 * only `nl-BE`, and a session locale without region (`nl`) is covered by any Dutch entry.
 */
export function localeCovers(listed: string, sessionLocale: string): boolean {
  const [listedLanguage, listedRegion] = listed.toLowerCase().split('-');
  const [language, region] = sessionLocale.toLowerCase().split('-');
  if (listedLanguage !== language) return false;
  return listedRegion === undefined || region === undefined || listedRegion === region;
}

/** Absent locales: the model serves every locale. */
export function supportsLocale(locales: readonly string[] | undefined, locale: string): boolean {
  return locales === undefined || locales.some((listed) => localeCovers(listed, locale));
}

export function policyMatches(policy: ModelPolicy, session: SessionTraits): boolean {
  const { tiers, locales, sectors, noise_profiles: noiseProfiles } = policy.match;
  if (tiers && !tiers.includes(session.tenantTier)) return false;
  if (locales && !supportsLocale(locales, session.locale)) return false;
  if (sectors && !sectors.includes(session.sector)) return false;
  if (noiseProfiles) {
    if (session.noiseProfile === undefined) return false;
    if (!noiseProfiles.includes(session.noiseProfile)) return false;
  }
  return true;
}

/** Enabled policies in the order they are tried: ascending priority, then name. */
export function policyOrder(policies: readonly ModelPolicy[]): ModelPolicy[] {
  return policies
    .filter((policy) => policy.enabled)
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
