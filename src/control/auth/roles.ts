import { z } from 'zod';

/** Who may do what. `platform_admin` crosses tenants; the others are bound to one tenant. */
export const Role = z.enum(['platform_admin', 'tenant_admin', 'operator', 'viewer']);
export type Role = z.infer<typeof Role>;

/** Roles a tenant token may carry (the api_tokens check constraint). */
export const TenantRole = z.enum(['tenant_admin', 'operator', 'viewer']);
export type TenantRole = z.infer<typeof TenantRole>;

/** Convenience sets for route declarations. */
export const anyRole: readonly Role[] = Role.options;
export const operators: readonly Role[] = ['platform_admin', 'tenant_admin', 'operator'];
export const admins: readonly Role[] = ['platform_admin', 'tenant_admin'];
export const platformOnly: readonly Role[] = ['platform_admin'];

/**
 * Scopes narrow a token below its role: a token with scopes may call only routes whose scope
 * it lists; a token without scopes may call everything its role allows.
 */
export const Scope = z.enum([
  'tenants:read',
  'tenants:write',
  'locations:read',
  'locations:write',
  'routes:read',
  'routes:write',
  'menus:read',
  'menus:write',
  'kitchen:read',
  'kitchen:write',
  'tokens:read',
  'tokens:write',
  'flags:read',
  'flags:write',
  'kill-switches:read',
  'kill-switches:write',
  'blueprints:read',
  'blueprints:write',
  'routing:read',
  'routing:write',
  'onboarding:read',
  'onboarding:write',
  'webhooks:read',
  'webhooks:write',
  'actions:read',
  'actions:write',
]);
export type Scope = z.infer<typeof Scope>;
