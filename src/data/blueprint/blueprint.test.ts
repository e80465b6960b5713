import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isContractViolation } from '../../contracts/common/contract-violation.ts';
import { composeSessionConfig, restaurantBlueprintV1 } from './index.ts';

const overlay = {
  tenantId: '01900000-0000-7000-8000-00000000d3e0',
  locationId: '01900000-0000-7000-8000-00000000d3e1',
  restaurantName: "Luigi's Pizzeria",
};

describe('blueprint engine', () => {
  test('merges blueprint, overlay and runtime policy into one frozen, versioned config', () => {
    const config = composeSessionConfig(restaurantBlueprintV1, overlay, {
      humanAvailable: false,
      maxTurns: 12,
    });
    assert.match(config.version, /^restaurant\/v1@2\+[0-9a-f]{12}$/);
    assert.equal(config.runtime.maxTurns, 12);
    assert.equal(config.runtime.bargeIn, true);
    assert.equal(config.escalation.humanAvailable, false);
    assert.equal(config.overlay.timezone, 'Europe/Amsterdam');
    assert.deepEqual(
      config.blueprint.intents.map((intent) => intent.name),
      [
        'place_order',
        'modify_order',
        'cancel_order',
        'ask_hours',
        'ask_menu',
        'ask_price',
        'ask_availability',
        'ask_wait_time',
        'ask_delivery_area',
        'speak_to_human',
      ],
    );
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.overlay.policies));
    assert.ok(Object.isFrozen(config.blueprint.intents[0]!.requiredSlots));
    assert.throws(() => {
      (config.runtime as { maxTurns: number }).maxTurns = 99;
    }, TypeError);
  });

  test('read-back checks: the phone on and large quantities above ten by default, per call', () => {
    const defaults = composeSessionConfig(restaurantBlueprintV1, overlay);
    assert.equal(defaults.confirmation.readBackPhone, true);
    assert.equal(defaults.confirmation.confirmQuantityAbove, 10);
    const {
      readBackPhone: _phone,
      confirmQuantityAbove: _bound,
      ...older
    } = restaurantBlueprintV1.confirmation;
    const fromOlder = composeSessionConfig(
      { ...restaurantBlueprintV1, confirmation: older },
      overlay,
    );
    assert.equal(fromOlder.confirmation.confirmQuantityAbove, 10, 'a blueprint without them');
    const catering = composeSessionConfig(restaurantBlueprintV1, overlay, {
      readBackPhone: false,
      confirmQuantityAbove: 50,
    });
    assert.equal(catering.confirmation.readBackPhone, false);
    assert.equal(catering.confirmation.confirmQuantityAbove, 50);
    assert.throws(() =>
      composeSessionConfig(restaurantBlueprintV1, overlay, { confirmQuantityAbove: 0 }),
    );
  });

  test('a different overlay is a different version; the same is the same', () => {
    const a = composeSessionConfig(restaurantBlueprintV1, overlay);
    const b = composeSessionConfig(restaurantBlueprintV1, overlay);
    const c = composeSessionConfig(restaurantBlueprintV1, { ...overlay, greeting: 'Ciao!' });
    assert.equal(a.version, b.version);
    assert.notEqual(a.version, c.version);
  });

  test('invalid layers are rejected with their paths', () => {
    assert.throws(
      () => composeSessionConfig(restaurantBlueprintV1, { ...overlay, tenantId: 'nope' }),
      (error) => isContractViolation(error) && error.issues[0]!.path[0] === 'tenantId',
    );
    assert.throws(
      () =>
        composeSessionConfig(
          {
            ...restaurantBlueprintV1,
            repair: { maxRepairsBeforeEscalation: -1, maxSilenceReprompts: 2, maxAbusiveTurns: 3 },
          },
          overlay,
        ),
      (error) => isContractViolation(error) && error.contract === 'sector blueprint',
    );
  });
});
