import { z } from 'zod';

/**
 * Money on every contract is an integer count of the currency's minor unit (cents for EUR,
 * yen for JPY) in a field named `…_minor`, next to an ISO 4217 `currency`. Integers add up
 * exactly; the menu's decimal prices are converted once, with {@link toMinorUnits}.
 */
export const MinorAmount = z.number().int().min(-100_000_000).max(100_000_000);
export type MinorAmount = z.infer<typeof MinorAmount>;

/** A {@link MinorAmount} that cannot be negative (prices, totals, fees). */
export const NonNegativeMinorAmount = z.number().int().min(0).max(100_000_000);
export type NonNegativeMinorAmount = z.infer<typeof NonNegativeMinorAmount>;

/** An ISO 4217 alphabetic code such as `EUR`. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** How many decimals the currency's minor unit has (EUR 2, JPY 0, KWD 3), from ICU data. */
export function currencyMinorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/**
 * Converts a decimal amount in currency units (as `voxeron.menu/v1` prices are written) to
 * integer minor units, rounding half away from zero. Shifts the decimal point in the number's
 * text form, so `2.675` EUR becomes 268 and not 267 (`2.675 * 100` is `267.49999…`).
 */
export function toMinorUnits(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`amount ${amount} is not a finite number`);
  const digits = currencyMinorDigits(currency);
  const shifted = Number(`${Math.abs(amount)}e${digits}`);
  const minor = Math.sign(amount) * Math.round(shifted);
  return minor === 0 ? 0 : minor;
}
