/** Small menus of our own for the rule tests: none of them is a fixture or a dev menu. */
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import type { MenuLexicon } from './lexicon.ts';
import { compileMenu } from './lexicon.ts';

const options = (...names: string[]): { id: string; name: string; aliases?: string[] }[] =>
  names.map((name) => ({ id: name.replace(/ /g, '-'), name }));

/** Pizzas with sizes, a crust choice, removable toppings they include, a side with dips. */
export const trattoria = (): MenuLexicon =>
  compileMenu(
    parseMenuV1({
      format: 'voxeron.menu/v1',
      name: 'Trattoria',
      currency: 'EUR',
      locale: 'en-GB',
      modifierGroups: [
        {
          id: 'size',
          name: 'size',
          kind: 'size',
          default: 'medium',
          options: options('small', 'medium', 'large'),
        },
        {
          id: 'crust',
          name: 'crust',
          options: [{ id: 'thin', name: 'thin crust', aliases: ['thin'] }],
        },
        {
          id: 'toppings',
          name: 'toppings',
          max: 10,
          removable: true,
          options: options(
            'mozzarella',
            'buffalo mozzarella',
            'onions',
            'olives',
            'ham',
            'pineapple',
            'garlic',
            'parmesan',
          ).concat({ id: 'prosciutto', name: 'prosciutto', aliases: ['parma'] }),
        },
        {
          id: 'dip',
          name: 'dip',
          options: options('garlic dip', 'chilli dip').concat({
            id: 'marinara-dip',
            name: 'marinara dip',
            aliases: ['marinara'],
          }),
        },
      ],
      items: [
        ...['funghi', 'romana', 'hawaiian'].map((name) => ({
          id: name,
          name,
          category: 'pizza',
          price: 9,
          modifierGroups: ['size', 'crust', 'toppings'],
          includes: ['mozzarella'],
        })),
        ...[
          { id: 'marinara', name: 'pizza marinara', includes: ['garlic'] },
          { id: 'parma', name: 'pizza parma', includes: ['prosciutto', 'parmesan'] },
        ].map((pizza) => ({
          ...pizza,
          category: 'pizza',
          price: 10,
          modifierGroups: ['size', 'crust', 'toppings'],
        })),
        {
          id: 'garlic-bread',
          name: 'garlic bread',
          category: 'sides',
          price: 4,
          variants: [
            { id: 'plain', name: 'plain' },
            { id: 'cheese', name: 'with cheese', aliases: ['cheese'] },
          ],
          modifierGroups: ['dip'],
        },
        { id: 'olive-bowl', name: 'olive bowl', category: 'sides', price: 3 },
      ],
    }),
  );

/** A Dutch snack bar: items whose names share a first word, and one "speciaal" of each. */
export const snackbar = (): MenuLexicon =>
  compileMenu(
    parseMenuV1({
      format: 'voxeron.menu/v1',
      name: 'Snackbar',
      currency: 'EUR',
      locale: 'nl-NL',
      modifierGroups: [{ id: 'saus', name: 'saus', options: options('mayo', 'curry') }],
      items: [
        { id: 'kroket', name: 'kroket', category: 'snacks', price: 2, modifierGroups: ['saus'] },
        { id: 'bal', name: 'bal', aliases: ['ballen'], category: 'snacks', price: 2 },
        { id: 'friet', name: 'friet', aliases: ['frieten'], category: 'friet', price: 2 },
        { id: 'bal-speciaal', name: 'bal speciaal', category: 'snacks', price: 3 },
        {
          id: 'friet-speciaal',
          name: 'friet speciaal',
          aliases: ['speciaal'],
          category: 'friet',
          price: 3,
        },
        { id: 'kaasbroodje', name: 'kaasbroodje', category: 'snacks', price: 2 },
      ],
    }),
  );
