import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreDevSet, scoreUnseenFixture } from './eval-data.ts';
import type { ScoredRecord } from './score.ts';
import { accuracy } from './score.ts';

function report(name: string, records: readonly ScoredRecord[]): number {
  const score = accuracy(records);
  for (const miss of records.filter((record) => !record.ok)) {
    console.log(
      `${name} miss ${miss.id}: "${miss.text}"\n  got  ${JSON.stringify(miss.actual)}\n  want ${JSON.stringify(miss.expected)}`,
    );
  }
  console.log(`${name}: ${(score * 100).toFixed(1)}% of ${records.length}`);
  return score;
}

test('the shared dev utterances parse exactly at 95 % or better', () => {
  const score = report('dev', scoreDevSet());
  assert.ok(score >= 0.95, `dev accuracy ${score}`);
});

test('the unseen burger-bar menu parses exactly at 90 % or better', () => {
  const score = report('unseen', scoreUnseenFixture('harbour-burger'));
  assert.ok(score >= 0.9, `unseen accuracy ${score}`);
});

test('the independently written sushi-bar menu parses exactly at 85 % or better', () => {
  // Known miss (ROADMAP): a quantity next to a numeric variant ("two salmon nigiri two pieces").
  const score = report('sushi', scoreUnseenFixture('sakura-sushi'));
  assert.ok(score >= 0.85, `sushi accuracy ${score}`);
});
