import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { examplePremiumPolicy } from '../testing/routing-examples.ts';
import { ModelPolicy } from './model-policy.ts';

function issuePaths(value: unknown): string[] {
  const result = ModelPolicy.safeParse(value);
  assert.equal(result.success, false, 'expected the policy to be rejected');
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

void describe('ModelPolicy v1', () => {
  void it('accepts the example and fills defaults', () => {
    const policy = ModelPolicy.parse(examplePremiumPolicy);
    assert.deepEqual(policy.routing.tts.candidates[1]?.parameters, {});
    assert.equal(policy.enabled, true);
  });

  void it('defaults match to everything and priority to 100, as the table does', () => {
    const { match: _match, priority: _priority, ...rest } = examplePremiumPolicy;
    const policy = ModelPolicy.parse(rest);
    assert.deepEqual(policy.match, {});
    assert.equal(policy.priority, 100);
  });

  void it('rejects an empty candidate list with its path', () => {
    const policy = structuredClone(examplePremiumPolicy);
    policy.routing.asr.candidates = [];
    assert.deepEqual(issuePaths(policy), ['routing.asr.candidates']);
  });

  void it('rejects unknown keys, bad vendors, negative prices and unknown tiers', () => {
    const policy = structuredClone(examplePremiumPolicy) as Record<string, unknown>;
    policy['colour'] = 'blue';
    assert.ok(issuePaths(policy).includes(''));

    const vendor = structuredClone(examplePremiumPolicy);
    vendor.routing.llm.candidates[0]!.vendor = 'OpenAI';
    assert.deepEqual(issuePaths(vendor), ['routing.llm.candidates.0.vendor']);

    const price = structuredClone(examplePremiumPolicy);
    price.routing.tts.candidates[0]!.cost_per_minute_minor = -1;
    assert.deepEqual(issuePaths(price), ['routing.tts.candidates.0.cost_per_minute_minor']);

    const tier = structuredClone(examplePremiumPolicy) as { match: { tiers: string[] } };
    tier.match.tiers = ['gold'];
    assert.deepEqual(issuePaths(tier), ['match.tiers.0']);
  });

  void it('rejects nested parameter values (scalars only)', () => {
    const policy = structuredClone(examplePremiumPolicy) as unknown as {
      routing: { asr: { candidates: { parameters: Record<string, unknown> }[] } };
    };
    policy.routing.asr.candidates[0]!.parameters['nested'] = { a: 1 };
    assert.deepEqual(issuePaths(policy), ['routing.asr.candidates.0.parameters.nested']);
  });
});
