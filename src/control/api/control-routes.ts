import type { AnyRouteSpec } from '../http/route-spec.ts';
import {
  cancelActionRoute,
  editAndRetryActionRoute,
  listActionsRoute,
  retryActionRoute,
} from './actions.ts';
import {
  deleteFeatureFlag,
  getFeatureFlag,
  listFeatureFlags,
  listTenantFlags,
  putFeatureFlag,
} from './flags.ts';
import {
  listGlobalKillSwitches,
  listTenantKillSwitches,
  turnGlobalKillSwitchOff,
  turnGlobalKillSwitchOn,
  turnTenantKillSwitchOff,
  turnTenantKillSwitchOn,
} from './kill-switches.ts';
import { createCallRoute, deleteCallRoute, listCallRoutes } from './call-routes.ts';
import { clearSoldOut, getKitchenStatus, markSoldOut, updateKitchenStatus } from './kitchen.ts';
import {
  createLocation,
  deleteLocation,
  getLocation,
  listLocations,
  setOverflow,
  updateLocation,
} from './locations.ts';
import { getMenu, importLocationMenu } from './menus.ts';
import { confirmOnboardingStep, getOnboarding } from './onboarding.ts';
import {
  approveOverlayPromotion,
  createOverlay,
  getEffectiveOverlay,
  listOverlayVersions,
  pinLocationOverlay,
  promoteOverlay,
  rollbackOverlay,
} from './overlays.ts';
import {
  createModelPolicy,
  deleteModelPolicy,
  getModelPolicy,
  listModelPolicies,
  replaceModelPolicy,
} from './model-policies.ts';
import { createTenant, getTenant, updateTenant } from './tenants.ts';
import { createToken, listTokens, revokeToken, rotateToken } from './tokens.ts';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  listWebhookEndpointsRoute,
  resendWebhookEventsRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
} from './webhook-endpoints.ts';

/** Every route of the control API, v1: the server, the OpenAPI document and the tests use this. */
export const controlRoutes: readonly AnyRouteSpec[] = [
  createTenant,
  getTenant,
  updateTenant,
  listLocations,
  createLocation,
  getLocation,
  updateLocation,
  deleteLocation,
  setOverflow,
  listCallRoutes,
  createCallRoute,
  deleteCallRoute,
  getMenu,
  importLocationMenu,
  getKitchenStatus,
  updateKitchenStatus,
  markSoldOut,
  clearSoldOut,
  listTokens,
  createToken,
  rotateToken,
  revokeToken,
  listFeatureFlags,
  getFeatureFlag,
  putFeatureFlag,
  deleteFeatureFlag,
  listTenantFlags,
  listGlobalKillSwitches,
  turnGlobalKillSwitchOn,
  turnGlobalKillSwitchOff,
  listTenantKillSwitches,
  turnTenantKillSwitchOn,
  turnTenantKillSwitchOff,
  listModelPolicies,
  createModelPolicy,
  getModelPolicy,
  replaceModelPolicy,
  deleteModelPolicy,
  listOverlayVersions,
  createOverlay,
  promoteOverlay,
  approveOverlayPromotion,
  rollbackOverlay,
  pinLocationOverlay,
  getEffectiveOverlay,
  getOnboarding,
  confirmOnboardingStep,
  listWebhookEndpointsRoute,
  createWebhookEndpointRoute,
  getWebhookEndpointRoute,
  updateWebhookEndpointRoute,
  rotateWebhookSecretRoute,
  deleteWebhookEndpointRoute,
  resendWebhookEventsRoute,
  listActionsRoute,
  retryActionRoute,
  cancelActionRoute,
  editAndRetryActionRoute,
];
