import type { AnyRouteSpec } from '../http/route-spec.ts';
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
import { createTenant, getTenant, updateTenant } from './tenants.ts';
import { createToken, listTokens, revokeToken, rotateToken } from './tokens.ts';

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
];
