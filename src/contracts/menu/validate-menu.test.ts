import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { MenuV1Input } from './menu-v1.ts';
import { InvalidMenuError, parseMenuV1, validateMenuV1 } from './validate-menu.ts';

// CI checks out ../shared beside the repository.
const menuDir = new URL('../../../../shared/eval/menus/', import.meta.url);
const menuFiles = readdirSync(menuDir).filter((file) => file.endsWith('.json'));

function loadMenu(file: string): MenuV1Input {
  return JSON.parse(readFileSync(new URL(file, menuDir), 'utf8')) as MenuV1Input;
}

function problems(menu: unknown): { path: string; message: string }[] {
  const result = validateMenuV1(menu);
  assert.equal(result.ok, false, 'expected the menu to be rejected');
  return result.ok ? [] : result.problems;
}

void describe('validateMenuV1', () => {
  void it('finds the shared evaluation menus', () => {
    assert.ok(menuFiles.length >= 2, `menus in ${menuDir.pathname}: ${menuFiles.join(', ')}`);
  });

  for (const file of menuFiles) {
    void it(`accepts ${file} as is`, () => {
      const result = validateMenuV1(loadMenu(file));
      assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems, null, 2));
      assert.ok(result.menu.items.length > 0);
    });
  }

  const base = (): MenuV1Input => loadMenu(menuFiles[0]!);

  void it('reports an unknown modifier group id with its JSON path', () => {
    const menu = base();
    const item = menu.items[1]!;
    item.modifierGroups = [...(item.modifierGroups ?? []), 'no-such-group'];
    const found = problems(menu);
    assert.deepEqual(
      found.map((problem) => problem.path),
      [`$.items[1].modifierGroups[${item.modifierGroups.length - 1}]`],
    );
    assert.match(found[0]!.message, /unknown modifier group "no-such-group"/);
  });

  void it('reports an alias that makes two items ambiguous, at the later alias', () => {
    const menu = base();
    const first = menu.items[0]!;
    const second = menu.items[1]!;
    second.aliases = [...(second.aliases ?? []), first.name.toUpperCase()];
    const found = problems(menu);
    assert.deepEqual(
      found.map((problem) => problem.path),
      [`$.items[1].aliases[${second.aliases.length - 1}]`],
    );
    assert.match(found[0]!.message, new RegExp(`also names item "${first.id}"`));
  });

  void it('reports a negative price with its JSON path', () => {
    const menu = base();
    menu.items[2]!.price = -1;
    assert.deepEqual(
      problems(menu).map((problem) => problem.path),
      ['$.items[2].price'],
    );
  });

  void it('reports every problem at once and throws them all from parseMenuV1', () => {
    const menu = base();
    menu.items[0]!.price = -5;
    menu.items[3]!.modifierGroups = ['missing-a', 'missing-b'];
    // The schema stage fails first (the negative price); fix it to see the reference stage.
    assert.deepEqual(
      problems(menu).map((problem) => problem.path),
      ['$.items[0].price'],
    );
    menu.items[0]!.price = 5;
    assert.deepEqual(
      problems(menu).map((problem) => problem.path),
      ['$.items[3].modifierGroups[0]', '$.items[3].modifierGroups[1]'],
    );
    assert.throws(
      () => parseMenuV1(menu),
      (error: unknown) => error instanceof InvalidMenuError && error.problems.length === 2,
    );
  });

  void it('rejects unknown keys and a wrong format tag', () => {
    const menu = { ...base(), format: 'voxeron.menu/v2', chef: 'Luigi' };
    assert.deepEqual(
      problems(menu)
        .map((problem) => problem.path)
        .sort(),
      ['$', '$.format'],
    );
  });
});
